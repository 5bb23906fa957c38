package server

import "context"

// Snapshot is one build of the site, held in memory.
type Snapshot struct {
	// Files maps an output path ("index.html", "cookbook/index.html",
	// "404.html", "assets/style.css") to its bytes. The Server never
	// modifies it and keeps it until the next good build replaces it.
	Files map[string][]byte
	// Errors holds one "file:line: message" per problem the build found;
	// they go to the open pages as an overlay. A rebuild that brings a
	// new problem is not served: the last good snapshot stays. One whose
	// problems were all there before is served, so that a problem left in
	// one page does not freeze the others.
	Errors []string
}

// Site is what the Server needs from a site builder.
//
// Build renders the whole site; it is called once, before serving. Rebuild is
// called after each batch of file changes with the changed source paths
// (slash-separated, relative to the site root, e.g. "cookbook/app/index.md"
// or "layouts/page.html"), and returns the new snapshot and the URL paths of
// the pages whose bytes changed (the Server recomputes that list against the
// snapshot it actually serves, so the hint may be incomplete). Both are
// called from one goroutine at a time. A returned error is reported like a
// snapshot error: the last good snapshot keeps being served.
type Site interface {
	Build(ctx context.Context) (Snapshot, error)
	Rebuild(ctx context.Context, changed []string) (Snapshot, []string, error)
}
