// One way to write a moment across the site: "4 Dec 2026", or "just now", "5 minutes ago", "3 hours ago" and
// "yesterday" when recent, with the exact date and time in the title. The server writes <time data-when> with the day
// alone (Components/When.razor); this rewrites each in the reader's time zone, and the discussion writes its times here.
(() => {
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
    const zone = new Intl.DateTimeFormat("en", { timeZoneName: "short" });
    const two = n => String(n).padStart(2, "0");
    const day = date => `${date.getDate()} ${months[date.getMonth()]} ${date.getFullYear()}`;
    const sameDay = (a, b) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

    function exact(date) {
        const name = zone.formatToParts(date).find(part => part.type === "timeZoneName")?.value ?? "";
        return `${day(date)}, ${two(date.getHours())}:${two(date.getMinutes())} ${name}`.trim();
    }

    function text(date, now = new Date()) {
        const seconds = (now - date) / 1000;
        const yesterday = new Date(now);
        yesterday.setDate(now.getDate() - 1);
        // A clock a little ahead of the server's still reads "just now"; a moment further ahead, such as an expiry, is a day.
        if (seconds < -60) {
            return day(date);
        }
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3600) {
            return relative.format(-Math.floor(seconds / 60), "minute");
        }
        if (seconds < 12 * 3600 || sameDay(date, now)) {
            return relative.format(-Math.floor(seconds / 3600), "hour");
        }
        return sameDay(date, yesterday) ? "yesterday" : day(date);
    }

    function paint(time) {
        const date = new Date(time.dateTime);
        if (!Number.isNaN(date.getTime())) {
            time.textContent = text(date);
            time.title = exact(date);
        }
    }

    /// A <time data-when> for the moment written as ISO 8601, as the server writes them.
    function element(iso) {
        const time = document.createElement("time");
        time.dateTime = iso;
        time.dataset.when = "";
        paint(time);
        return time;
    }

    const paintAll = () => document.querySelectorAll("time[data-when]").forEach(paint);
    window.StudyHubWhen = { element, text, exact };
    document.addEventListener("DOMContentLoaded", paintAll);
    window.Blazor?.addEventListener("enhancedload", paintAll);
    // "just now" becomes "1 minute ago" on a page left open.
    setInterval(paintAll, 60_000);
    paintAll();
})();
