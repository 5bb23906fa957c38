// Package authflow knows the AWS Application Load Balancer + Amazon Cognito
// sign-in workflow: it classifies the entries of a (redacted) HAR capture,
// gives each the AWS step numbers it takes part in, traces every cookie and
// header that matters, explains them from a knowledge base, and reports what
// went wrong as findings with stable codes.
//
// # Using it
//
// Classify takes redacted entries (har.NewRedactor) and returns a Flow:
//
//	flow := authflow.Classify(log, entries)
//
// For captures too large to hold, feed entries one at a time; the
// Classifier keeps a small summary of each and never the entry itself:
//
//	c := authflow.NewClassifier(log)
//	for each redacted entry e { c.Add(e) }
//	flow := c.Flow()
//
// Package capture runs a file, standard input or entries built in memory
// through redaction and this classifier; WriteTable and WriteJSON print a
// Flow as seqdoc inspect does (the JSON is docs/contract.md's contract).
// RedactOptions are the redaction options every capture gets: the public
// OAuth and OIDC parameters (PublicParams) and the OAuth error codes.
//
// A Flow holds:
//
//   - Entries: one per HAR entry in capture order, with Kind (auth-redirect,
//     idp, callback, app, asset, api, logout, idp-logout, logout-callback,
//     other), Steps (every AWS step of the exchange, seen or not),
//     HiddenSteps (the server-to-server subset) and Phase (login, app,
//     logout), plus display fields (Host, Path, MIME, TimeMS, Participant).
//     Its JSON form is docs/contract.md's contract.
//   - Participants: the browser, each ALB-fronted application host, the IdP
//     (a Cognito prefix or custom domain, recognised by behaviour), federated
//     IdPs and third parties.
//   - Findings: Code (see the Code… constants), the entries it names and a
//     one-sentence Message with the likely cause and the fix. Each code is
//     one Rule of the rule table, Rules (in the manner of go/analysis's
//     Analyzer: code, severity, when it is reported, cause, fix, help and
//     link, and the function that finds it); findings come in its order.
//   - Cookies and Headers: the lifecycle of each cookie (shards of one
//     logical cookie grouped; set by which entry and host, attributes, size,
//     where it was sent, which entry expired it, whether it outlived the
//     logout) and of each header that matters (Location, server,
//     x-amz-cognito-request-id and the X-Amzn-Oidc-* trio).
//   - Sanitized: true when the capture has no Cookie or Set-Cookie header at
//     all (Chrome's default "sanitized" export); classification then rests on
//     method, path, status, Location, server headers and order.
//
// Flow() runs in stages over one view of the capture, each entry numbered
// by its position among those given (Entry.Index only names entries in the
// output, so any run of a capture's entries classifies): roles of the hosts,
// kinds and steps, phases, participants and lifecycles, findings.
//
// Glossary(flow) turns the knowledge base and the lifecycle into rows for a
// page (name, cookie or header, who sets it, meaning, attributes, lifetime,
// what clears it, the AWS document, what this capture shows). Knowledge()
// returns the knowledge base itself.
//
// Flow.Diagram(DiagramOptions{}) draws the flow as a diagram/model sequence
// diagram (Browser, ALB, Cognito hosted UI, the federated IdP, App) with the
// step numbers on the arrows, the hidden back-channel steps drawn as implied
// messages, cookie notes, phase separators and folded runs of assets and API
// calls (DiagramOptions.All keeps every entry).
//
// Step numbers follow the 11-step flow of "Authenticate users using an
// Application Load Balancer" (docs.aws.amazon.com, elasticloadbalancing,
// listener-authenticate-users.html, version of June 2023 and later).
//
// Package authflow never sees a secret it could leak: it works on redacted
// entries and keeps names, attributes, sizes, hosts and paths, never values.
package authflow
