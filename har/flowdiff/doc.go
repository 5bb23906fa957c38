// Package flowdiff says what changed between two captures of the same
// sign-in flow, as a reviewer wants to read it: the hosts and their roles,
// the AWS workflow steps present or missing, the sequence of exchanges
// aligned by method, host and path, the cookies (added, removed, changed in
// attributes, size or shard count, and who sets or clears them), and the
// findings new and fixed.
//
//	d := flowdiff.Compare(oldFlow, newFlow) // two classified captures (har/authflow)
//	d.Empty()                               // nothing a reviewer would care about changed
//	d.WriteText(w, "old.har", "new.har")    // seqdoc diff
//	d.WriteJSON(w, "old.har", "new.har")    // seqdoc diff --json
//	d.Sections()                            // the same lines, for a page (site's seqdoc diff block)
//
// What two recordings of one flow always differ in is left out: timings,
// entry numbers, query strings, the numbering of placeholders ({id-1} and
// {id-2} are the same route, redacted-state-1 the same value), assets,
// third-party requests and how often a request repeats (a page that polls
// its API three times or five). Exchanges are aligned with Myers'
// difference algorithm (a longest common subsequence) on method, host and
// path, not by position, so one request more early on does not shift every
// later one.
//
// Why a package of its own and not a part of har/authflow: a diff reads two
// finished Flows through their exported fields (kinds, steps, phases,
// participants, cookie lifecycles, findings) and needs none of the
// classifier's rules; keeping it apart keeps authflow's job (classify one
// capture) and API as they are, and lets the diff change without touching
// the classifier.
package flowdiff
