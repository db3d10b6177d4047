/* Sổ tay Dân vận — the installable web app, over http(s) only (from file:// nothing runs, so the
 * USB copy works exactly as before).
 *
 * - adds the web app manifest and, once the page has loaded, registers the service worker
 *   (sotay-sw.js at the site root);
 * - "Lưu cả sổ tay để đọc khi không có mạng" (the panel on the home page): shows the size left
 *   to download, stores every file of sotay-offline.json that is not stored with its hash yet,
 *   with a progress bar; it can be stopped and taken up again where it stopped;
 * - when the service worker reports a republished handbook: one notice, with a reload button.
 * Every page reads sotay-webapp.json (a few bytes) to know the web app is there; a copy without it
 * (the Kiwix file) runs none of this. The content list grows with the handbook, so opening the
 * home page does not read it: the panel's size comes from the summary and from the stored
 * copy's state (STATE below); the list is read when the reader presses the button, or when a
 * save was begun and the state cannot tell what is left (cut off mid-way, or republished since).
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
  // What is stored of which version, kept by the service worker (install, pages it keeps) and
  // by the save action: {version, files, bytes, left, leftBytes, saving}; "saving" is set while
  // a save runs, so a save cut off (tab closed) is counted again from the list.
  const STATE = "sotay-offline-state";
  // The reader began saving everything: the service worker then completes the copy on updates.
  const SAVED_ALL = "sotay-saved-all";

  // The web app exists where its content list does: a copy that leaves it out (the Kiwix file,
  // whose reader keeps the handbook itself) shows no save panel and registers nothing.
  function install() {
    const link = document.createElement("link");
    link.rel = "manifest";
    link.href = base + "manifest.webmanifest";
    document.head.appendChild(link);
    // After the load event: the worker's first install reads the whole content list, which
    // would otherwise compete with the page for the phone's network and processor.
    function register() {
      navigator.serviceWorker.register(base + "sotay-sw.js", {scope: base}).catch(function () {});
    }
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, {once: true});
  }

  // Numbers written as vi-VN writes them ("1.234", "12,5 MB") by hand: toLocaleString's first
  // call loads the locale's data, a long task on a slow phone for the two numbers of the panel.
  function count(n) {
    return String(n).replace(/\B(?=(\d{3})+$)/g, ".");
  }

  function megabytes(bytes) {
    const tenths = Math.round(bytes / 1e5);
    return count(Math.floor(tenths / 10)) + "," + (tenths % 10) + " MB";
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

  // The stored copy of ``list`` counted file by file: what is left, in the state's shape.
  function counted(list, left, saving) {
    return {version: list.version, files: list.files.length, bytes: list.bytes, left: left.length,
      leftBytes: left.reduce(function (sum, f) { return sum + f[2]; }, 0), saving: saving};
  }

  function writeState(cache, state) {
    return cache.put(base + STATE, new Response(JSON.stringify(state),
      {headers: {"Content-Type": "application/json"}}));
  }

  // What the panel can say without the list: the stored state when it is of this version and no
  // save was cut off; null when a save was begun (count from the list); otherwise the summary's
  // whole size (the reader never saved: at most the app shell is stored, and the service worker
  // says "sotay:counted" once it has counted it).
  async function known(cache, summary) {
    const hit = await cache.match(base + STATE);
    const state = hit ? await hit.json().catch(function () { return null; }) : null;
    if (state && state.version === summary.version && !state.saving) return state;
    if ((state && state.saving) || (await cache.match(base + SAVED_ALL))) return null;
    return {version: summary.version, files: summary.files, bytes: summary.bytes,
      left: summary.files, leftBytes: summary.bytes, saving: false};
  }

  async function store(cache, file, signal) {
    const [path, digest] = file;
    const response = await fetch(key(path) + "?" + SAVE_PARAM + "=" + digest, {cache: "no-store", signal: signal});
    if (!response.ok) throw new Error(path + ": " + response.status);
    const headers = new Headers(response.headers);
    headers.set("X-Sotay-Hash", digest);
    await cache.put(key(path), new Response(await response.blob(), {status: 200, headers: headers}));
  }

  function mount(panel, summary) {
    const size = panel.querySelector("[data-sotay-offline-size]");
    const save = panel.querySelector("[data-sotay-offline-save]");
    const stop = panel.querySelector("[data-sotay-offline-cancel]");
    const bar = panel.querySelector("[data-sotay-offline-progress]");
    const status = panel.querySelector("[data-sotay-offline-status]");
    const run = {controller: null, list: null};

    async function contentList() {
      if (!run.list) {
        const list = await json("sotay-offline.json");
        if (!list || !Array.isArray(list.files)) throw new Error("sotay-offline.json");
        run.list = list;
      }
      return run.list;
    }

    // Count the stored copy against the list, and keep the count for the next visit.
    async function recount(cache, saving) {
      const list = await contentList();
      const left = await missing(cache, list);
      const state = counted(list, left, saving && left.length > 0);
      await writeState(cache, state);
      return {left: left, state: state};
    }

    function show(state) {
      if (!state.left) {
        size.textContent = "Đã lưu cả sổ tay trong máy: " + count(state.files) + " tệp, " +
          megabytes(state.bytes) + " (mọi trang, ô tìm kiếm và giao diện).";
        save.hidden = true;
      } else if (state.left === state.files) {
        size.textContent = "Cần tải " + megabytes(state.leftBytes) + " (" + count(state.left) +
          " tệp; khi truyền được nén nên thường ít hơn).";
        save.textContent = "Lưu cả sổ tay để đọc khi không có mạng";
        save.hidden = false;
      } else {
        size.textContent = "Đã lưu " + count(state.files - state.left) + "/" +
          count(state.files) + " tệp; còn " + megabytes(state.leftBytes) + " (" + count(state.left) + " tệp).";
        save.textContent = "Tiếp tục lưu (còn " + megabytes(state.leftBytes) + ")";
        save.hidden = false;
      }
    }

    async function describe() {
      const cache = await caches.open(CACHE);
      show((await known(cache, summary)) || (await recount(cache, false)).state);
    }

    async function start() {
      const cache = await caches.open(CACHE);
      const plan = await recount(cache, true);
      if (!plan.left.length) {
        show(plan.state);
        return;
      }
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      await cache.put(base + SAVED_ALL, new Response("1"));
      const controller = run.controller = new AbortController();
      save.hidden = true;
      stop.hidden = false;
      bar.hidden = false;
      bar.max = plan.state.leftBytes;
      bar.value = 0;
      let done = 0;
      let next = 0;
      let failed = null;
      async function worker() {
        while (next < plan.left.length && !controller.signal.aborted && !failed) {
          const file = plan.left[next++];
          try {
            await store(cache, file, controller.signal);
            done += file[2];
            bar.value = done;
            status.textContent = "Đang lưu: " + megabytes(done) + " / " + megabytes(plan.state.leftBytes);
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
      show((await recount(cache, false)).state);
    }

    save.addEventListener("click", function () {
      if (!run.controller) start().catch(function () {
        status.textContent = "Không lưu được (bộ nhớ của trình duyệt đầy hoặc bị chặn).";
      });
    });
    stop.addEventListener("click", function () {
      if (run.controller) run.controller.abort();
    });
    function refresh() {
      describe().catch(function () { size.textContent = "Không đọc được danh sách tệp."; });
    }
    // Counted by a worker that may be of a newer version than the summary this page read.
    navigator.serviceWorker.addEventListener("message", function (event) {
      if ((event.data || {}).type !== "sotay:counted" || run.controller) return;
      json("sotay-webapp.json").then(function (newer) {
        if (newer && newer.version) summary = newer;
      }).catch(function () {}).then(refresh);
    });
    panel.hidden = false;
    refresh();
  }

  function json(path) {
    return fetch(base + path, {cache: "no-cache"})
      .then(function (response) { return response.ok ? response.json() : null; });
  }

  // Every page asks for the small summary; the home page's save panel starts from it.
  function start() {
    json("sotay-webapp.json")
      .then(function (summary) {
        if (!summary || !summary.version) return;
        const panel = document.querySelector("[data-sotay-offline]");
        if (panel) mount(panel, summary);
        install();
      })
      .catch(function () {});
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
