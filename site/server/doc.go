// Package server serves a site built in memory on a local HTTP server and
// reloads the open browser pages when their source files change.
//
// A Server holds the latest good build (a Snapshot: output path → bytes) and
// answers GET and HEAD from it with the right MIME type, an ETag (304 on a
// match), gzip for text, the site's own 404.html, no directory listings, and
// refuses every form of path traversal (encoded, double-encoded, backslash,
// absolute) and, on loopback, any Host header that does not name this
// machine (DNS rebinding). The watcher follows the source folders with fsnotify (folders
// created later included), drops chmod-only events and editor temporary
// files, waits a few milliseconds after the last event of a burst (a timer
// that restarts on each event, not a fixed tick), and hands the changed paths
// to one rebuild goroutine through a buffer-of-one channel, so that requests
// arriving during a rebuild collapse into the next one. A slow poll catches
// what fsnotify misses.
//
// Live reload is Server-Sent Events on GET /_seqdoc/events, fed by a hub the
// Server owns (never a global): after each rebuild that a file change caused,
// "event: reload" with the changed URL paths as a JSON array; when a rebuild
// brings a new problem, "event: error" with one "file:line: message" per
// data line, and the last good pages keep being served (a problem that was
// already there does not hold back edits elsewhere: that build is served and
// the overlay sent again). The script at GET /_seqdoc/reload.js,
// which the site's templates add to every page when serving, reloads its page
// only when that page (or a script) changed, swaps a changed stylesheet in
// place, and shows the error as an overlay that goes away by itself on the
// next good rebuild.
//
// Package server does not render anything: it calls a Site (package site's
// Builder behind a small adapter) and never writes to disk.
package server
