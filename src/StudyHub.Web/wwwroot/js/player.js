// The lecture player's live part: times in the note seek the recording, the note follows along as it plays,
// and a link at the current moment can be copied. The page works without it (links carry ?t=).
(() => {
    // Only our own object says the script already ran: a note's <a id="StudyHubPlayer"> makes the name an element.
    if (typeof window.StudyHubPlayer?.init === "function") {
        return;
    }

    const timesSelector = "a.timestamp[data-seconds], [data-timeline] a[data-seconds]";
    // A transcript's cues seek too, but are followed by the transcript's own script (transcript.js).
    const seeksSelector = `${timesSelector}, [data-transcript] a[data-seconds]`;
    const controllers = new WeakMap();

    // The same forms as LectureTime.Parse on the server: 1680, 1680s, 28:00, 1:02:03, 28m00s, 1h2m3s.
    function parseTime(text) {
        if (typeof text !== "string" || text.trim() === "" || text.length > 32) {
            return null;
        }
        const clock = /^(\d{1,9})$|^(\d{1,5}):([0-5]\d)$|^(\d{1,5}):([0-5]\d):([0-5]\d)$/.exec(text.trim());
        if (clock) {
            return clock[1] !== undefined ? Number(clock[1])
                : clock[2] !== undefined ? Number(clock[2]) * 60 + Number(clock[3])
                : Number(clock[4]) * 3600 + Number(clock[5]) * 60 + Number(clock[6]);
        }
        const units = /^(?:(\d{1,5})h)?(?:(\d{1,5})m)?(?:(\d{1,9})s)?$/i.exec(text.trim());
        if (units && (units[1] ?? units[2] ?? units[3]) !== undefined) {
            return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0);
        }
        return null;
    }

    function formatTime(seconds) {
        const s = Math.floor(seconds);
        const two = n => String(n).padStart(2, "0");
        return s >= 3600 ? `${Math.floor(s / 3600)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}` : `${Math.floor(s / 60)}:${two(s % 60)}`;
    }

    // Every adapter offers seek(seconds), play(), currentTime(), duration() (null until known), onTimeUpdate(cb),
    // plus usable() (false when the provider's player could not load) and dispose().
    // The source each media element was last cued or sought in: an element kept across an enhanced navigation
    // stays where the reader left it.
    const positioned = new WeakMap();

    function mediaElementAdapter(media, start) {
        const listening = new AbortController();
        const cue = () => {
            if (start > 0 && positioned.get(media) !== media.src) {
                media.currentTime = start;
            }
            positioned.set(media, media.src);
        };
        if (media.readyState >= HTMLMediaElement.HAVE_METADATA) {
            cue();
        } else {
            media.addEventListener("loadedmetadata", cue, { once: true, signal: listening.signal });
        }
        return {
            element: media,
            seek: seconds => {
                media.currentTime = seconds;
                positioned.set(media, media.src);
            },
            // Browsers refuse to play without a user gesture; the controls stay there to press.
            play: () => media.play()?.catch(() => { }),
            currentTime: () => media.currentTime,
            duration: () => Number.isFinite(media.duration) && media.duration > 0 ? media.duration : null,
            onTimeUpdate: callback => {
                for (const type of ["timeupdate", "seeked", "loadedmetadata"]) {
                    media.addEventListener(type, () => callback(media.currentTime), { signal: listening.signal });
                }
                // A recording whose length was known before this script ran (cached, or quick) fires none of these until played.
                if (media.readyState >= HTMLMediaElement.HAVE_METADATA) {
                    queueMicrotask(() => callback(media.currentTime));
                }
            },
            usable: () => true,
            dispose: () => listening.abort(),
        };
    }

    let youTubeApi = null;

    function loadYouTubeApi(url) {
        if (window.YT?.Player) {
            return Promise.resolve(window.YT);
        }
        return youTubeApi ??= new Promise((resolve, reject) => {
            const previous = window.onYouTubeIframeAPIReady;
            window.onYouTubeIframeAPIReady = () => {
                previous?.();
                resolve(window.YT);
            };
            const script = document.createElement("script");
            script.src = url;
            script.async = true;
            script.onerror = () => {
                youTubeApi = null;
                reject(new Error(`Could not load ${url}`));
            };
            document.head.append(script);
        });
    }

    function youTubeAdapter(container, start) {
        const fallback = [...container.childNodes];
        const target = document.createElement("div");
        container.replaceChildren(target);
        const callbacks = [];
        let player = null;
        let failed = false;
        let pending = null;
        let polling = 0;
        let last = -1;

        const ready = () => {
            if (pending) {
                player.seekTo(pending.seconds, true);
                if (pending.play) {
                    player.playVideo();
                }
                pending = null;
            }
            // The IFrame API has no time event; polling a few times a second is what follow-along needs.
            polling = setInterval(() => {
                if (!container.isConnected) {
                    clearInterval(polling);
                    return;
                }
                const now = player.getCurrentTime();
                if (now !== last) {
                    last = now;
                    callbacks.forEach(callback => callback(now));
                }
            }, 250);
        };

        loadYouTubeApi(container.dataset.youtubeApi || "https://www.youtube.com/iframe_api").then(YT => {
            const playerVars = { enablejsapi: 1, rel: 0, origin: location.origin };
            if (start > 0) {
                playerVars.start = start;
            }
            player = new YT.Player(target, {
                videoId: container.dataset.videoId,
                host: "https://www.youtube-nocookie.com",
                playerVars,
                events: { onReady: ready },
            });
        }, () => {
            failed = true;
            container.replaceChildren(...fallback);
        });

        const isReady = () => polling !== 0;
        return {
            // The API swaps the placeholder for its iframe; when that is gone from the page, so is the player.
            get element() {
                return player?.getIframe?.() ?? target;
            },
            seek: seconds => {
                if (isReady()) {
                    player.seekTo(seconds, true);
                } else {
                    pending = { seconds, play: pending?.play ?? false };
                }
            },
            play: () => {
                if (isReady()) {
                    player.playVideo();
                } else {
                    pending = { seconds: pending?.seconds ?? start ?? 0, play: true };
                }
            },
            currentTime: () => isReady() ? player.getCurrentTime() : pending?.seconds ?? start ?? 0,
            duration: () => isReady() && player.getDuration() > 0 ? player.getDuration() : null,
            onTimeUpdate: callback => callbacks.push(callback),
            usable: () => !failed,
            dispose: () => clearInterval(polling),
        };
    }

    // REVIEW: speaks Vimeo's postMessage protocol (what its player.js library sends) without loading that library;
    // not yet tried against the real Vimeo player.
    function vimeoAdapter(iframe, start) {
        const origin = new URL(iframe.src, location.href).origin;
        const listening = new AbortController();
        const callbacks = [];
        let now = start ?? 0;
        let length = null;
        const post = (method, value) => iframe.contentWindow?.postMessage(JSON.stringify(value === undefined ? { method } : { method, value }), origin);
        const subscribe = () => post("addEventListener", "timeupdate");

        window.addEventListener("message", event => {
            if (event.origin !== origin || event.source !== iframe.contentWindow) {
                return;
            }
            let message;
            try {
                message = typeof event.data === "string" ? JSON.parse(event.data) : event.data;
            } catch {
                return;
            }
            if (message?.event === "ready") {
                subscribe();
            } else if (message?.event === "timeupdate" && message.data) {
                now = message.data.seconds;
                length = message.data.duration || length;
                callbacks.forEach(callback => callback(now));
            }
        }, { signal: listening.signal });
        subscribe();

        return {
            element: iframe,
            seek: seconds => {
                now = seconds;
                post("setCurrentTime", seconds);
            },
            play: () => post("play"),
            currentTime: () => now,
            duration: () => length,
            onTimeUpdate: callback => callbacks.push(callback),
            usable: () => true,
            dispose: () => listening.abort(),
        };
    }

    const adapters = { media: mediaElementAdapter, youtube: youTubeAdapter, vimeo: vimeoAdapter };

    function follow(seconds) {
        const times = document.querySelectorAll(timesSelector);
        // Only the recording playing reaches its times: 0:04 of the second part is not 0:04 into the first.
        const playing = document.querySelector("[data-lecture-player]")?.dataset.recording ?? "0";
        const reached = new Set([...times].filter(time => recordingOf(time) === playing));
        let current = -1;
        for (const time of reached) {
            const at = Number(time.dataset.seconds);
            // A seek lands a fraction before its target; that time has still been reached.
            if (at <= seconds + 0.5 && at > current) {
                current = at;
            }
        }
        for (const timeline of document.querySelectorAll("[data-timeline][data-duration]")) {
            const duration = Number(timeline.dataset.duration);
            const at = Math.min(100, Math.max(0, 100 * seconds / duration));
            timeline.style.setProperty("--now", `${at.toFixed(3)}%`);
            const now = timeline.querySelector("[data-timeline-now]");
            const reads = `${formatTime(Math.min(seconds, duration))} / ${formatTime(duration)}`;
            if (now && now.textContent !== reads) {
                now.textContent = reads;
            }
        }
        for (const time of times) {
            const isCurrent = reached.has(time) && Number(time.dataset.seconds) === current;
            if (time.classList.contains("is-current") !== isCurrent) {
                time.classList.toggle("is-current", isCurrent);
                isCurrent ? time.setAttribute("aria-current", "time") : time.removeAttribute("aria-current");
                const timeline = time.closest("[data-timeline]");
                if (isCurrent && timeline && !timeline.matches(":hover") && !timeline.contains(document.activeElement)) {
                    showPassage(timeline, null);
                }
            }
        }
    }

    function placeMarkers(duration) {
        const rounded = String(Math.round(duration));
        for (const timeline of document.querySelectorAll("[data-timeline]")) {
            if (timeline.dataset.duration === rounded) {
                continue;
            }
            timeline.dataset.duration = rounded;
            timeline.querySelectorAll("a[data-seconds]").forEach(link => place(link, duration));
            if (!crowding.has(timeline)) {
                crowding.set(timeline, new ResizeObserver(() => uncrowd(timeline)));
                crowding.get(timeline).observe(timeline);
            }
            uncrowd(timeline);
        }
    }

    function place(link, duration) {
        const at = Math.min(100, Math.max(0, 100 * Number(link.dataset.seconds) / duration));
        link.closest(".timeline-marker")?.style.setProperty("--at", `${at.toFixed(3)}%`);
    }

    // The discussion's annotated moments (drawn hidden in its panel) of the recording playing join the note's own times.
    function showMoments(drawn) {
        const markers = document.querySelector("[data-timeline] .timeline-markers");
        if (!markers || !drawn) {
            return;
        }
        markers.querySelectorAll("[data-discussion-marker]").forEach(marker => marker.remove());
        const timeline = markers.closest("[data-timeline]");
        const playing = markers.closest("[data-lecture-player]")?.dataset.recording ?? "0";
        for (const marker of [...drawn.querySelectorAll(`:scope > [data-recording="${playing}"]`)].map(item => item.cloneNode(true))) {
            const link = marker.querySelector("a[data-seconds]");
            if (Number(timeline.dataset.duration) > 0) {
                place(link, Number(timeline.dataset.duration));
            }
            const later = [...markers.children].find(other => Number(other.querySelector("a[data-seconds]")?.dataset.seconds) > Number(link.dataset.seconds));
            markers.insertBefore(marker, later ?? null);
        }
    }

    const crowding = new WeakMap();

    // A marker's time shows under it unless it would overlap the time before it; its passage shows on pointing or focus.
    function uncrowd(timeline) {
        let end = -Infinity;
        for (const time of timeline.querySelectorAll(".timeline-marker[data-kind=timestamp] > a > time")) {
            time.classList.remove("is-crowded");
            const box = time.getBoundingClientRect();
            if (box.left < end + 6) {
                time.classList.add("is-crowded");
            } else {
                end = box.right;
            }
        }
    }

    // The passage of the marker pointed at or focused (a tap focuses it too), else of the time the lecture has reached.
    function showPassage(timeline, link) {
        const passage = timeline?.querySelector("[data-timeline-passage]");
        if (!passage) {
            return;
        }
        const shown = link ?? timeline.querySelector("a[data-seconds][aria-current]");
        const label = shown?.querySelector(".timeline-label")?.textContent ?? "";
        if (!shown || !label) {
            passage.replaceChildren();
            return;
        }
        const time = document.createElement("strong");
        time.textContent = formatTime(Number(shown.dataset.seconds));
        passage.replaceChildren(time, ` ${label}`);
    }

    function onMarker(event) {
        const link = event.target instanceof Element ? event.target.closest("[data-timeline] a[data-seconds]") : null;
        if (!link) {
            return;
        }
        const leaving = event.type === "pointerout" || event.type === "focusout";
        // Leaving for somewhere outside the marker: fall back to the focused marker, or the current one.
        if (leaving && link.contains(event.relatedTarget)) {
            return;
        }
        const timeline = link.closest("[data-timeline]");
        const focused = timeline.contains(document.activeElement) && event.type !== "focusout" ? document.activeElement.closest("a[data-seconds]") : null;
        showPassage(timeline, leaving ? focused : link);
    }

    function say(root, message) {
        const status = root.querySelector("[data-player-status]");
        if (status) {
            status.textContent = message;
        }
    }

    async function copyLink(root, adapter) {
        const seconds = Math.floor(adapter.currentTime() ?? 0);
        const link = `${location.origin}${location.pathname}?t=${seconds}`;
        const field = root.querySelector("[data-copy-fallback]");
        try {
            await navigator.clipboard.writeText(link);
            if (field) {
                field.hidden = true;
            }
            say(root, `Link to ${formatTime(seconds)} copied.`);
        } catch {
            // No clipboard (an insecure origin, or permission refused): hand the link over to copy by hand.
            if (field) {
                field.value = link;
                field.hidden = false;
                field.focus();
                field.select();
            }
            say(root, `Copy the link to ${formatTime(seconds)} from the field.`);
        }
    }

    function setUp(root) {
        const screen = root.querySelector("[data-player]");
        const create = screen && adapters[screen.dataset.player];
        if (!create) {
            return;
        }
        const key = `${screen.dataset.player} ${screen.dataset.videoId ?? screen.getAttribute("src")}`;
        const existing = controllers.get(root);
        // Enhanced navigation patches the page back to the server's markup, dropping the mark or our player: set up anew.
        if (existing?.screen === screen && existing.adapter.element.isConnected && screen.dataset.playerReady === key) {
            return;
        }
        existing?.dispose();
        screen.dataset.playerReady = key;

        const start = parseTime(new URLSearchParams(location.search).get("t")) ?? parseTime(screen.dataset.start ?? "");
        const adapter = create(screen, start);
        const listening = new AbortController();
        // Until the reader plays or seeks (a ?t= is a seek), the player's 0:00 is no moment of the lecture.
        let moved = start > 0;
        let toldPastEnd = false;
        adapter.onTimeUpdate(seconds => {
            moved ||= seconds > 0;
            const duration = adapter.duration();
            if (duration) {
                placeMarkers(duration);
                // A time past the end (?t=1:00 on a 12-second clip) would leave the player at its end without a word.
                if (start > duration && !toldPastEnd) {
                    toldPastEnd = true;
                    say(root, `This recording is ${formatTime(duration)} long, so ${formatTime(start)} is past its end.`);
                }
            }
            // After the markers, so that the timeline knows the length it shows the position against.
            follow(seconds);
            root.dispatchEvent(new CustomEvent("lecture-time", { detail: { seconds } }));
        });

        const copy = root.querySelector("[data-copy-link]");
        if (copy) {
            copy.hidden = false;
            copy.addEventListener("click", () => copyLink(root, adapter), { signal: listening.signal });
        }

        controllers.set(root, {
            screen,
            adapter,
            // In whole seconds, as an annotation keeps it: a playing file is at 6.27 s, which the panel cannot take.
            momentReached: () => moved ? Math.floor(adapter.currentTime() ?? 0) : null,
            seekAndPlay: seconds => {
                moved = true;
                const panel = root.querySelector("details");
                if (panel) {
                    panel.open = true;
                }
                adapter.seek(seconds);
                adapter.play();
                follow(seconds);
            },
            dispose: () => {
                listening.abort();
                adapter.dispose();
            },
        });
    }

    function pagePlayer() {
        for (const root of document.querySelectorAll("[data-lecture-player]")) {
            const controller = controllers.get(root);
            if (controller?.adapter.usable()) {
                return controller;
            }
        }
        return null;
    }

    // Listens in the capture phase so that it decides before Blazor's enhanced navigation sees the click.
    function onClick(event) {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey
            || !(event.target instanceof Element)) {
            return;
        }
        const link = event.target.closest(seeksSelector);
        if (link && firstTouchOnMarker(link)) {
            event.preventDefault();
            return;
        }
        const seconds = Number(link?.dataset.seconds);
        // A time of another recording than the one playing opens its page instead.
        const sameRecording = link && recordingOf(link) === (document.querySelector("[data-lecture-player]")?.dataset.recording ?? "0");
        const player = link && sameRecording && Number.isFinite(seconds) && seconds >= 0 ? pagePlayer() : null;
        if (!player) {
            return;
        }
        event.preventDefault();
        player.seekAndPlay(seconds);
        const url = new URL(location.href);
        url.searchParams.set("t", String(Math.floor(seconds)));
        history.replaceState(history.state, "", url);
    }

    // Which recording a time is a moment of, counted from 0: its own or its panel's data-recording, else the recording
    // its address plays (the note's times of a later part link to "?recording=2&t=95"), else the first.
    function recordingOf(link) {
        const marked = link.closest("[data-recording]")?.dataset.recording;
        if (marked !== undefined) {
            return marked;
        }
        const number = Number(new URL(link.href, location.href).searchParams.get("recording"));
        return String(Number.isInteger(number) && number >= 1 ? number - 1 : 0);
    }

    // A finger cannot point at a marker without pressing it, so on touch the first tap shows the marker's passage and
    // the second seeks; a mouse or a keyboard seeks at once, having seen the passage on pointing or focus.
    let lastPointerType = "mouse";

    function firstTouchOnMarker(link) {
        const timeline = link.closest("[data-timeline][data-duration]");
        if (!timeline || lastPointerType !== "touch" || timeline.dataset.tapped === link.dataset.seconds) {
            delete timeline?.dataset.tapped;
            return false;
        }
        timeline.dataset.tapped = link.dataset.seconds;
        link.focus();
        showPassage(timeline, link);
        return true;
    }

    let blazorHooked = false;

    function init() {
        if (!blazorHooked && window.Blazor?.addEventListener) {
            window.Blazor.addEventListener("enhancedload", init);
            blazorHooked = true;
        }
        document.querySelectorAll("[data-lecture-player]").forEach(setUp);
    }

    document.addEventListener("pointerdown", event => { lastPointerType = event.pointerType; }, true);
    document.addEventListener("click", onClick, true);
    for (const type of ["pointerover", "pointerout", "focusin", "focusout"]) {
        document.addEventListener(type, onMarker);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }

    window.StudyHubPlayer = {
        parseTime,
        adapters,
        init,
        // The moment the reader has reached in the recording playing, or null while it has not been played or sought.
        momentIn: root => controllers.get(root)?.momentReached() ?? null,
        showMoments,
    };
})();
