import './elements/gx-app.js';

// The service worker keeps the application shell, so the workstation opens with no network.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    console.warn('Guanxi works online only: the service worker could not be registered', error);
  });
}
