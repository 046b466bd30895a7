// Types of the virtual modules Vite plugins provide (the service worker's registration, vite-plugin-pwa).
/// <reference types="vite-plugin-pwa/vanillajs" />
