// Package capture turns a HAR file into a redacted, classified capture: the
// one path that inspect, import, the site, and later record, check and diff
// share.
//
//	source ──▶ redact (har.Redactor) ──▶ classify (authflow.Classifier) ──▶ *Capture
//	                                  └──▶ write (har.Writer), for Write and WriteFile
//
// A Source yields a capture's entries in order: a HAR file or standard input
// (Open), any reader such as a content file of the site (FromReader), bytes
// held in memory (FromBytes), or a log and entries built in
// memory (FromEntries: seqdoc record builds them from the DevTools protocol).
// Every entry is redacted before anything else sees it, with the options
// of authflow.RedactOptions (the public OAuth parameters) plus the names the
// user keeps (Options.KeepParams), then summarised by the classifier, which
// keeps no entry: memory grows with the number of entries, by a few hundred
// bytes each, never with their size.
//
//	src, err := capture.Open(ctx, "login.har", os.Stdin) // "-": standard input
//	…
//	defer src.Close()
//	c, err := capture.Read(ctx, src, capture.Options{})   // inspect, the site, check, diff
//	c, err := capture.WriteFile(ctx, src, path, opts)     // import: the redacted capture, whole or not at all
//
//	c, err := capture.Read(ctx, capture.FromEntries(log, entries), opts) // record: entries from memory
//
// A Capture is the one model its views read: the classification
// (Capture.Flow: entries, AWS steps, phases, findings, cookies, headers)
// for inspect's table and JSON (authflow.WriteTable, authflow.WriteJSON) and
// the site's pages, and the hosts and cookie names import's summary lists.
//
// Every function takes a context: when it is cancelled (Ctrl-C, SIGTERM) the
// pipeline stops between two entries, or at once while it waits for input
// that does not come (a pipe on standard input), and returns an error
// wrapping the context's cause; WriteFile then leaves nothing behind.
package capture
