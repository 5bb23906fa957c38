// Package har reads HTTP Archive (HAR) captures as a stream of entries,
// redacts their secrets, and writes them back.
//
// It accepts what real exporters write (HAR 1.1, 1.2 and the 1.3 draft from
// Chrome, Firefox, Safari, Edge, Charles, Fiddler, mitmproxy, Playwright, ZAP
// and others; see shared/docs/har-variants.md), decodes one entry at a time so
// that memory does not grow with the file, and skips bodies nothing needs.
//
//	r, err := har.Open("capture.har", har.ReadOptions{}) // "-": stdin; gzip by magic bytes
//	for {
//		e, err := r.Next() // io.EOF after the last entry
//		…
//	}
//	r.Log() // the capture-level fields, complete after io.EOF
//
// Errors in a capture are *Error values that print as
// "capture.har:LINE:COL: what is wrong".
//
// Redaction (NewRedactor, Redactor.Entry, Redactor.Log) is an allow-list:
// every value is a secret unless it is known to be public, and becomes a
// placeholder that is the same for the same value across one capture and
// tells nothing about it. URL paths and cookie names keep their route
// words, and their values become placeholders named by shape
// ("/api/accounts/{id-1}", "wordpress_logged_in_{token-1}"); show or compare
// such a path with EscapedPath. Writer writes a capture back, pretty-printed
// and deterministic.
//
// Package har knows nothing of AWS, Cognito or any particular sign-in flow;
// package har/authflow does.
package har
