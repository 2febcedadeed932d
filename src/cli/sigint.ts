/**
 * First Ctrl-C: `onFirst`, then abort (the run stops new calls and keeps what finished). Second Ctrl-C:
 * the handler steps aside and re-raises the signal, so the default action ends the process at once.
 * Returns the function that removes the handler.
 */
export function interruptOnSigint(controller: AbortController, onFirst: () => void): () => void {
  const handler = (): void => {
    if (!controller.signal.aborted) {
      onFirst();
      controller.abort();
      return;
    }
    process.off('SIGINT', handler);
    process.kill(process.pid, 'SIGINT');
  };
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}
