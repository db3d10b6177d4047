/* Sổ tay Dân vận — the service worker (hooks/sotay/webapp.py writes it at the site's root with
 * VERSION, the version of sotay-offline.json, on the line above).
 *
 * - Install: store the app shell (theme, scripts, home page, search manifest); on an update,
 *   fetch again only the stored files whose content hash changed, drop those that are gone, and
 *   fetch the new ones when the reader had saved the whole handbook.
 * - Fetch: what is stored is answered from storage; anything else from the network, and kept
 *   (every page the reader opens, every search file it loads).
 * - Activate: take over open pages and, after an update, tell them once.
 * Stored responses carry their content hash in X-Sotay-Hash, so an update can compare.
 * STATE counts what of this version is stored (written at install, then "sotay:counted" to the
 * pages; kept up to date as pages are kept), so the home page shows the size left without
 * reading the whole list.
 */
"use strict";

const CACHE = "sotay";
const SCOPE = self.registration.scope;               // ends with "/"
const LIST = SCOPE + "sotay-offline.json";
const SAVED_ALL = SCOPE + "sotay-saved-all";         // marker: the reader saved everything
const NOTE = SCOPE + "sotay-update-note";            // install → activate: what changed
const STATE = SCOPE + "sotay-offline-state";         // what is stored: see sotay-webapp.js
const SAVE_PARAM = "sotay-save";                      // the page's save action: network only

let listing = null;                                   // path → [hash, size] of the stored list
let counting = Promise.resolve();                     // STATE's updates, one after another

function pathOf(url) {
  const path = url.slice(SCOPE.length).split(/[?#]/)[0];
  return path === "" ? "index.html" : decodeURI(path);
}

function keyOf(path) {
  return SCOPE + encodeURI(path);
}

function hashes(list) {
  return new Map(list.files.map(([path, digest]) => [path, digest]));
}

function entries(list) {
  return new Map(list.files.map(([path, digest, size]) => [path, [digest, size]]));
}

function jsonResponse(value) {
  return new Response(JSON.stringify(value), {headers: {"Content-Type": "application/json"}});
}

async function storedList(cache) {
  if (!listing) {
    const hit = await cache.match(LIST);
    listing = hit ? entries(await hit.json()) : new Map();
  }
  return listing;
}

async function withHash(response, digest) {
  const headers = new Headers(response.headers);
  headers.set("X-Sotay-Hash", digest);
  return new Response(await response.blob(), {status: response.status, headers: headers});
}

async function fetchInto(cache, path, digest) {
  const response = await fetch(keyOf(path) + "?" + SAVE_PARAM + "=" + digest, {cache: "no-store"});
  if (!response.ok) throw new Error(path + ": " + response.status);
  await cache.put(keyOf(path), await withHash(response, digest));
}

async function install() {
  const cache = await caches.open(CACHE);
  const response = await fetch(LIST + "?" + SAVE_PARAM + "=" + VERSION, {cache: "no-store"});
  const list = await response.json();
  const wanted = hashes(list);
  const previous = await cache.match(LIST);
  const from = previous ? (await previous.json()).version : null;
  const savedAll = !!(await cache.match(SAVED_ALL));
  const have = new Map();
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(SCOPE) || [LIST, SAVED_ALL, STATE].includes(request.url)) continue;
    const path = pathOf(request.url);
    const stored = await cache.match(request);
    have.set(path, stored && stored.headers.get("X-Sotay-Hash"));
  }
  const fetchList = [];
  for (const [path, digest] of have) {
    if (!wanted.has(path) || !digest) await cache.delete(keyOf(path));   // gone, or not hashed
    else if (wanted.get(path) !== digest) fetchList.push(path);           // changed
  }
  for (const path of list.shell) if (!have.has(path)) fetchList.push(path);
  if (savedAll) for (const path of wanted.keys()) if (!have.has(path)) fetchList.push(path);
  const unique = Array.from(new Set(fetchList));
  for (let at = 0; at < unique.length; at += 6) {
    await Promise.all(unique.slice(at, at + 6).map(p => fetchInto(cache, p, wanted.get(p))));
  }
  await cache.put(LIST, jsonResponse(list));
  listing = entries(list);
  const fetched = new Set(unique);
  const left = list.files.filter(([path]) => !have.get(path) && !fetched.has(path));
  await cache.put(STATE, jsonResponse({
    version: list.version, files: list.files.length, bytes: list.bytes, left: left.length,
    leftBytes: left.reduce((sum, file) => sum + file[2], 0), saving: false}));
  await tell({type: "sotay:counted"});
  if (from && from !== list.version) {
    await cache.put(NOTE, new Response(JSON.stringify({from: from, to: list.version, fetched: unique.length})));
  }
}

// A file of the list kept as a page was read: one less left to save, in STATE.
function keptOne(size) {
  counting = counting.then(async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(STATE);
    const state = hit && await hit.json();
    if (!state || state.version !== VERSION || state.left <= 0) return;
    await cache.put(STATE, jsonResponse(Object.assign(state, {
      left: state.left - 1, leftBytes: state.leftBytes - size})));
  }).catch(() => {});
  return counting;
}

async function activate() {
  await self.clients.claim();
  const cache = await caches.open(CACHE);
  const note = await cache.match(NOTE);
  if (!note) return;
  const detail = await note.json();
  await cache.delete(NOTE);
  await tell(Object.assign({type: "sotay:updated"}, detail));
}

async function tell(message) {
  for (const client of await self.clients.matchAll({type: "window", includeUncontrolled: true})) {
    client.postMessage(message);
  }
}

async function respond(event) {
  const request = event.request;
  const path = pathOf(request.url);
  const cache = await caches.open(CACHE);
  const hit = await cache.match(keyOf(path));
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const [digest, size] = (await storedList(cache)).get(path) || [];
      const copy = response.clone();
      event.waitUntil((digest ? withHash(copy, digest) : Promise.resolve(copy))
        .then(stored => cache.put(keyOf(path), stored))
        .then(() => digest && keptOne(size)));
    }
    return response;
  } catch (error) {
    if (request.mode !== "navigate") return Response.error();
    return new Response(
      '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" ' +
      'content="width=device-width,initial-scale=1"><title>Chưa lưu trang này</title>' +
      '<body style="font-family:sans-serif;padding:1em"><h1>Chưa lưu trang này</h1>' +
      "<p>Máy đang không có mạng và trang này chưa được lưu. Khi có mạng, mở trang chủ và bấm " +
      "“Lưu cả sổ tay để đọc khi không có mạng”.</p>" +
      '<p><a href="' + SCOPE + 'index.html">Về trang chủ</a></p></body></html>',
      {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
  }
}

self.addEventListener("install", event => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
  event.waitUntil(activate());
});

self.addEventListener("fetch", event => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (new URL(request.url).searchParams.has(SAVE_PARAM)) return;
  event.respondWith(respond(event));
});
