/* Sổ tay Dân vận — the installable web app, over http(s) only (from file:// nothing runs, so the
 * USB copy works exactly as before).
 *
 * - adds the web app manifest and registers the service worker (sotay-sw.js at the site root);
 * - "Lưu cả sổ tay để đọc khi không có mạng" (the panel on the home page): shows the size left
 *   to download, stores every file of sotay-offline.json that is not stored with its hash yet,
 *   with a progress bar; it can be stopped and taken up again where it stopped;
 * - when the service worker reports a republished handbook: one notice, with a reload button.
 * Every page reads sotay-webapp.json (a few bytes) to know the web app is there; a copy without it
 * (the Kiwix file) runs none of this.
 * The stored copy is the same Cache Storage the service worker answers from ("sotay").
 */
(function () {
  "use strict";

  if (!/^https?:$/.test(location.protocol) || !("serviceWorker" in navigator) || !window.caches) return;

  const self = document.currentScript;
  const base = new URL(self ? self.src.replace(/assets\/javascripts\/sotay-webapp\.js(?:[?#].*)?$/, "") : "./",
    location.href).href;
  const CACHE = "sotay";
  const SAVE_PARAM = "sotay-save";
  const PARALLEL = 4;

  // The web app exists where its content list does: a copy that leaves it out (the Kiwix file,
  // whose reader keeps the handbook itself) shows no save panel and registers nothing.
  function install() {
    const link = document.createElement("link");
    link.rel = "manifest";
    link.href = base + "manifest.webmanifest";
    document.head.appendChild(link);
    navigator.serviceWorker.register(base + "sotay-sw.js", {scope: base}).catch(function () {});
  }

  function megabytes(bytes) {
    return (bytes / 1e6).toLocaleString("vi-VN", {maximumFractionDigits: 1, minimumFractionDigits: 1}) + " MB";
  }

  function count(n) {
    return n.toLocaleString("vi-VN");
  }

  // -- one notice when the handbook was republished ----------------------------------------------
  navigator.serviceWorker.addEventListener("message", function (event) {
    const data = event.data || {};
    if (data.type !== "sotay:updated" || document.querySelector("[data-sotay-update]")) return;
    const notice = document.createElement("div");
    notice.className = "sotay-update";
    notice.setAttribute("role", "status");
    notice.setAttribute("data-sotay-update", data.to || "");
    const text = document.createElement("p");
    text.textContent = "Sổ tay vừa có bản mới; bản đã lưu trong máy đã được cập nhật (" +
      count(data.fetched || 0) + " tệp thay đổi).";
    const reload = document.createElement("button");
    reload.type = "button";
    reload.className = "md-button md-button--primary";
    reload.textContent = "Mở bản mới";
    reload.addEventListener("click", function () { location.reload(); });
    notice.append(text, reload);
    document.body.appendChild(notice);
  });

  // -- "save the whole handbook" ----------------------------------------------------------------
  function key(path) {
    return base + encodeURI(path);
  }

  async function missing(cache, list) {
    const left = [];
    for (const [path, digest, size] of list.files) {
      const hit = await cache.match(key(path));
      if (!hit || hit.headers.get("X-Sotay-Hash") !== digest) left.push([path, digest, size]);
    }
    return left;
  }

  async function store(cache, file, signal) {
    const [path, digest] = file;
    const response = await fetch(key(path) + "?" + SAVE_PARAM + "=" + digest, {cache: "no-store", signal: signal});
    if (!response.ok) throw new Error(path + ": " + response.status);
    const headers = new Headers(response.headers);
    headers.set("X-Sotay-Hash", digest);
    await cache.put(key(path), new Response(await response.blob(), {status: 200, headers: headers}));
  }

  function mount(panel, list) {
    const size = panel.querySelector("[data-sotay-offline-size]");
    const save = panel.querySelector("[data-sotay-offline-save]");
    const stop = panel.querySelector("[data-sotay-offline-cancel]");
    const bar = panel.querySelector("[data-sotay-offline-progress]");
    const status = panel.querySelector("[data-sotay-offline-status]");
    const run = {controller: null, list: list};

    async function describe() {
      const list = run.list;
      const cache = await caches.open(CACHE);
      const left = await missing(cache, list);
      const bytes = left.reduce(function (sum, f) { return sum + f[2]; }, 0);
      if (!left.length) {
        size.textContent = "Đã lưu cả sổ tay trong máy: " + count(list.files.length) + " tệp, " +
          megabytes(list.bytes) + " (mọi trang, ô tìm kiếm và giao diện).";
        save.hidden = true;
      } else if (left.length === list.files.length) {
        size.textContent = "Cần tải " + megabytes(bytes) + " (" + count(left.length) +
          " tệp; khi truyền được nén nên thường ít hơn).";
        save.textContent = "Lưu cả sổ tay để đọc khi không có mạng";
        save.hidden = false;
      } else {
        size.textContent = "Đã lưu " + count(list.files.length - left.length) + "/" +
          count(list.files.length) + " tệp; còn " + megabytes(bytes) + " (" + count(left.length) + " tệp).";
        save.textContent = "Tiếp tục lưu (còn " + megabytes(bytes) + ")";
        save.hidden = false;
      }
      return {list: list, cache: cache, left: left, bytes: bytes};
    }

    async function start() {
      const state = await describe();
      if (!state.left.length) return;
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      await state.cache.put(base + "sotay-saved-all", new Response("1"));
      const controller = run.controller = new AbortController();
      save.hidden = true;
      stop.hidden = false;
      bar.hidden = false;
      bar.max = state.bytes;
      bar.value = 0;
      let done = 0;
      let next = 0;
      let failed = null;
      async function worker() {
        while (next < state.left.length && !controller.signal.aborted && !failed) {
          const file = state.left[next++];
          try {
            await store(state.cache, file, controller.signal);
            done += file[2];
            bar.value = done;
            status.textContent = "Đang lưu: " + megabytes(done) + " / " + megabytes(state.bytes);
          } catch (error) {
            if (!controller.signal.aborted) failed = error;
          }
        }
      }
      await Promise.all(Array.from({length: PARALLEL}, worker));
      run.controller = null;
      stop.hidden = true;
      bar.hidden = true;
      if (controller.signal.aborted) status.textContent = "Đã dừng. Bấm nút để lưu tiếp phần còn lại.";
      else if (failed) status.textContent = "Mất kết nối khi đang lưu. Khi có mạng, bấm nút để lưu tiếp.";
      else status.textContent = "Xong. Mở được mọi trang và tìm kiếm khi không có mạng, kể cả từ " +
        "biểu tượng trên màn hình chính.";
      await describe();
    }

    save.addEventListener("click", function () {
      if (!run.controller) start().catch(function () {
        status.textContent = "Không lưu được (bộ nhớ của trình duyệt đầy hoặc bị chặn).";
      });
    });
    stop.addEventListener("click", function () {
      if (run.controller) run.controller.abort();
    });
    panel.hidden = false;
    describe().catch(function () { size.textContent = "Không đọc được danh sách tệp."; });
  }

  function json(path) {
    return fetch(base + path, {cache: "no-cache"})
      .then(function (response) { return response.ok ? response.json() : null; });
  }

  // Every page asks for the small summary; only the home page's save panel reads the list.
  function start() {
    json("sotay-webapp.json")
      .then(function (summary) {
        if (!summary || !summary.version) return null;
        install();
        const panel = document.querySelector("[data-sotay-offline]");
        return panel && json("sotay-offline.json").then(function (list) {
          if (list && Array.isArray(list.files)) mount(panel, list);
        });
      })
      .catch(function () {});
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
