/**
 * The content script's context, in place of WXT's `ContentScriptContext` (wxt.config.ts aliases
 * `wxt/utils/content-script-context` to this file for the content-script build only; WXT's
 * entry wrapper constructs it and hands it to `main`).
 *
 * WXT's own listens for DOM events named after the public extension id — a "content script
 * started" CustomEvent on document that ends the context, a "locationchange" event on window —
 * and checks neither `isTrusted` nor who sent them: any page could switch the extension off on
 * itself or make it rescan (issue 15, attacks 7a and 7b; docs/decisions.md has the upstream
 * report). This one has no DOM handshake at all: it ends only when our own code ends it. The
 * handshake's purpose, stopping a copy orphaned by an extension update, does not arise in the
 * browsers we ship to: Firefox unloads an extension's content scripts with it, and Chromium
 * does not inject an updated extension's scripts into open tabs. Location changes are watched by
 * location-watch.ts. Only what the content script uses is here (signal, onInvalidated,
 * addEventListener); the rest of WXT's API is absent on purpose.
 */
export class ContentScriptContext {
  readonly #controller = new AbortController();

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  addEventListener(target: EventTarget, type: string, handler: EventListener, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    this.#controller.abort();
  }
}
