from loop import NAME as MINE

NAME = MINE
