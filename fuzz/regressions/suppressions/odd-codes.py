x = 1 # orlint: ignore[OR001,, -- 
# orlint: ignore-file[â‚] -- r
