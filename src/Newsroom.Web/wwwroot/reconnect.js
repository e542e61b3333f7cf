// Starts Blazor so that a page never gives up on the server. A wall screen has nobody to press "Retry": the circuit
// retries for as long as it takes, the page says it is reconnecting meanwhile, and when the server answers but no
// longer knows the circuit (it restarted), the page reloads itself and shows fresh data instead of stale.
const modal = document.getElementById('components-reconnect-modal');
modal?.addEventListener('components-reconnect-state-changed', (event) => {
  if (event.detail.state === 'rejected') {
    location.reload();
  }
});

Blazor.start({
  circuit: {
    reconnectionOptions: {
      maxRetries: Number.MAX_SAFE_INTEGER,
      retryIntervalMilliseconds: (attempt) => (attempt < 10 ? 1000 : 5000),
    },
  },
});
