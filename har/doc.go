// Package har reads HTTP Archive (HAR) captures as a stream of entries and
// redacts their secrets.
//
// It accepts what real exporters write (HAR 1.1, 1.2 and the 1.3 draft from
// Chrome, Firefox, Safari, Edge, Charles, Fiddler, mitmproxy, Playwright, ZAP
// and others; see shared/docs/har-variants.md), decodes one entry at a time so
// that memory does not grow with the file, and skips bodies nothing needs.
// Redaction is an allow-list: every value is a secret unless it is known to be
// public.
//
// Package har knows nothing of AWS, Cognito or any particular sign-in flow;
// package har/authflow does.
package har
