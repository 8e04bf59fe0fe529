const apiKey = "{{KEY}}"; // expect: OR001
console.log("key", apiKey); // expect: OR008

class Gateway {
  private token = "{{KEY}}"; // expect: OR001

  show() {
    console.debug(this.token); // expect: OR008
    console.log(this.token.length);
  }
}
