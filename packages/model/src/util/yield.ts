// Lets the event loop run between two pieces of long work (a stop request, a worker's incoming
// messages, a progress redraw) without a timer's delay. setTimeout(0) waits at least 1 ms in Node
// and 4 ms in a browser once timers nest, which is 2–7 % of a 60 ms training step spent idle.
// Node's setImmediate, or elsewhere a MessageChannel message (a task like any other message, so
// messages that arrived earlier are handled first), continues as soon as the waiting tasks ran.
// Not handled: yielding to rendering in a page's main thread (the heavy work runs in a worker).

type Resolve = () => void;

let channel: MessageChannel | undefined;
const waiting: Resolve[] = [];

function viaChannel(resolve: Resolve): void {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  waiting.push(resolve);
  channel.port2.postMessage(0);
}

/** Resolves after the tasks already waiting in the event loop have run. */
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: Resolve) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : viaChannel(resolve)));
}
