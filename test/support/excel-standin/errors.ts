/** The stand-in's errors: Office's error code (`InvalidOperation`, `ItemNotFound`…) and message. */
export class StandinError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
  }
}
