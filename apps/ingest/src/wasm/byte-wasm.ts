/**
 * A thread's instance of a WebAssembly module of the app's (csv-shape.wat, csv-profile.wat: built into base64 by
 * scripts/gen-wasm.ts) that reads bytes copied to the start of its memory. Made when first used, its memory grown
 * to what a call needs and kept for the next.
 */

/** What is used of the WebAssembly API (TypeScript declares it with the DOM's library, not with Node's). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
};

/** A mutable global of a module. */
export type WasmGlobal = { value: number };
/** The exported memory every module here has. */
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

const PAGE = 65536;

export class ByteWasm<Exports extends object> {
  private instance?: { exports: Exports & { memory: WasmMemory }; view: Buffer };

  constructor(private readonly base64: string) {}

  /**
   * The module's exports with `bytes[0, length)` at the start of its memory, and a view of that memory, at least
   * `size` bytes long.
   */
  load(bytes: Buffer, length: number, size = length): { exports: Exports; memory: Buffer } {
    if (!this.instance) {
      const module = new WebAssembly.Module(Buffer.from(this.base64, 'base64'));
      const exports = new WebAssembly.Instance(module).exports as Exports & { memory: WasmMemory };
      this.instance = { exports, view: Buffer.from(exports.memory.buffer) };
    }
    const instance = this.instance;
    const { memory } = instance.exports;
    if (size > memory.buffer.byteLength) {
      memory.grow(Math.ceil((size - memory.buffer.byteLength) / PAGE));
      instance.view = Buffer.from(memory.buffer);
    }
    // fill() with a Buffer as long as the range copies it with one memcpy; set() and copy() from shared memory (the
    // chunks are) copy it byte by byte, several times slower.
    if (length > 0) instance.view.fill(bytes.subarray(0, length), 0, length);
    return { exports: instance.exports, memory: instance.view };
  }
}
