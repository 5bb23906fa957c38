package server

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// waitReload reads the next event, which must be a reload, and returns its paths.
func waitReload(t *testing.T, c *sse) []string {
	t.Helper()
	ev := c.next(t)
	if ev.name != "reload" {
		t.Fatalf("got event %q (%s), want reload", ev.name, ev.data)
	}
	var paths []string
	if err := json.Unmarshal([]byte(ev.data), &paths); err != nil {
		t.Fatalf("reload data %q is not a JSON array: %v", ev.data, err)
	}
	return paths
}

func TestEditReloadsAndServesNewContent(t *testing.T) {
	ts := startServer(t, map[string]string{
		"index.md":             "home",
		"cookbook/app/page.md": "first version",
		"cookbook/other.md":    "other",
	}, 0)
	if code, body := ts.get("/cookbook/app/page/"); code != 200 || !strings.Contains(body, "first version") {
		t.Fatalf("before the edit: %d %q", code, body)
	}
	c := ts.subscribe()
	writeFile(t, filepath.Join(ts.dir, "cookbook/app/page.md"), "second version")
	paths := waitReload(t, c)
	if !slices.Equal(paths, []string{"/cookbook/app/page/"}) {
		t.Errorf("reload paths = %q, want only the edited page", paths)
	}
	if code, body := ts.get("/cookbook/app/page/"); code != 200 || !strings.Contains(body, "second version") {
		t.Errorf("after the edit: %d %q", code, body)
	}
	if got := ts.site.rebuilds(); len(got) != 1 || !slices.Equal(got[0], []string{"cookbook/app/page.md"}) {
		t.Errorf("Rebuild calls = %q, want one with cookbook/app/page.md", got)
	}
}

func TestNewFolderAndPageAreWatched(t *testing.T) {
	ts := startServer(t, map[string]string{"index.md": "home"}, 0)
	c := ts.subscribe()
	// A nested folder created and filled at once: the page is written before
	// the watcher has had a chance to watch its folder.
	writeFile(t, filepath.Join(ts.dir, "new/deeper/page.md"), "fresh page")
	deadline := time.Now().Add(10 * time.Second)
	for {
		paths := waitReload(t, c)
		if slices.Contains(paths, "/new/deeper/page/") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no reload named /new/deeper/page/")
		}
	}
	if code, body := ts.get("/new/deeper/page/"); code != 200 || !strings.Contains(body, "fresh page") {
		t.Fatalf("new page: %d %q", code, body)
	}
	// The new folder is watched: a later edit in it is seen.
	writeFile(t, filepath.Join(ts.dir, "new/deeper/page.md"), "edited in the new folder")
	if paths := waitReload(t, c); !slices.Equal(paths, []string{"/new/deeper/page/"}) {
		t.Errorf("edit in new folder: reload paths %q", paths)
	}
	if _, body := ts.get("/new/deeper/page/"); !strings.Contains(body, "edited in the new folder") {
		t.Errorf("edit in new folder not served: %q", body)
	}
}

func TestDeleteAndRename(t *testing.T) {
	ts := startServer(t, map[string]string{
		"index.md":     "home",
		"a/gone.md":    "to be deleted",
		"a/old.md":     "renamed page",
		"b/sub/one.md": "in a folder to remove",
	}, 0)
	c := ts.subscribe()

	os.Remove(filepath.Join(ts.dir, "a/gone.md"))
	if paths := waitReload(t, c); !slices.Equal(paths, []string{"/a/gone/"}) {
		t.Errorf("delete: reload paths %q", paths)
	}
	if code, body := ts.get("/a/gone/"); code != 404 || !strings.Contains(body, "no such page in the cookbook") {
		t.Errorf("deleted page: %d %q, want the site's 404 page", code, body)
	}

	os.Rename(filepath.Join(ts.dir, "a/old.md"), filepath.Join(ts.dir, "a/new.md"))
	var paths []string
	for len(paths) < 2 { // the two halves of a rename may land in one batch or two
		paths = append(paths, waitReload(t, c)...)
	}
	slices.Sort(paths)
	if !slices.Equal(paths, []string{"/a/new/", "/a/old/"}) {
		t.Errorf("rename: reload paths %q", paths)
	}
	if code, _ := ts.get("/a/old/"); code != 404 {
		t.Errorf("old name after rename: %d", code)
	}
	if code, body := ts.get("/a/new/"); code != 200 || !strings.Contains(body, "renamed page") {
		t.Errorf("new name after rename: %d %q", code, body)
	}

	os.RemoveAll(filepath.Join(ts.dir, "b"))
	if paths := waitReload(t, c); !slices.Contains(paths, "/b/sub/one/") {
		t.Errorf("folder removed: reload paths %q", paths)
	}
	if code, _ := ts.get("/b/sub/one/"); code != 404 {
		t.Errorf("page of a removed folder: %d", code)
	}
}

func TestFolderRenamed(t *testing.T) {
	ts := startServer(t, map[string]string{"index.md": "home", "old/sub/page.md": "moved page", "old/top.md": "top"}, 0)
	c := ts.subscribe()
	if err := os.Rename(filepath.Join(ts.dir, "old"), filepath.Join(ts.dir, "new")); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for len(paths) < 4 {
		paths = append(paths, waitReload(t, c)...)
	}
	slices.Sort(paths)
	if want := []string{"/new/sub/page/", "/new/top/", "/old/sub/page/", "/old/top/"}; !slices.Equal(paths, want) {
		t.Errorf("reload paths %q, want %q", paths, want)
	}
	var changed []string
	for _, r := range ts.site.rebuilds() {
		changed = append(changed, r...)
	}
	for _, want := range []string{"old/sub/page.md", "old/top.md", "new/sub/page.md", "new/top.md"} {
		if !slices.Contains(changed, want) {
			t.Errorf("Rebuild was not told about %s: %q", want, changed)
		}
	}
	// An edit in the renamed folder is reported under its new name.
	writeFile(t, filepath.Join(ts.dir, "new/sub/page.md"), "edited after the move")
	if paths := waitReload(t, c); !slices.Equal(paths, []string{"/new/sub/page/"}) {
		t.Errorf("edit after the move: reload paths %q", paths)
	}
	rb := ts.site.rebuilds()
	if last := rb[len(rb)-1]; !slices.Equal(last, []string{"new/sub/page.md"}) {
		t.Errorf("edit after the move: Rebuild got %q, want new/sub/page.md", last)
	}
}

func TestBrokenPageShowsErrorThenRecovers(t *testing.T) {
	ts := startServer(t, map[string]string{"index.md": "home", "guide.md": "good text"}, 0)
	c := ts.subscribe()

	writeFile(t, filepath.Join(ts.dir, "guide.md"), "new text\nBROKEN\n")
	ev := c.next(t)
	if ev.name != "error" || ev.data != "guide.md:2: broken page: remove the BROKEN line" {
		t.Fatalf("got %q %q, want the error event with file:line", ev.name, ev.data)
	}
	if _, body := ts.get("/guide/"); !strings.Contains(body, "good text") {
		t.Errorf("while broken, served %q; want the last good page", body)
	}
	// A page opened while the build is broken gets the error at once.
	late := ts.subscribe()
	if ev := late.next(t); ev.name != "error" || !strings.HasPrefix(ev.data, "guide.md:2:") {
		t.Errorf("late page got %q %q, want the current error", ev.name, ev.data)
	}

	writeFile(t, filepath.Join(ts.dir, "guide.md"), "fixed text\n")
	for _, cl := range []*sse{c, late} {
		if paths := waitReload(t, cl); !slices.Equal(paths, []string{"/guide/"}) {
			t.Errorf("after the fix: reload paths %q", paths)
		}
	}
	if _, body := ts.get("/guide/"); !strings.Contains(body, "fixed text") {
		t.Errorf("after the fix, served %q", body)
	}
	// A page opened after the fix gets no error.
	writeFile(t, filepath.Join(ts.dir, "index.md"), "home again")
	fresh := ts.subscribe()
	if ev := fresh.next(t); ev.name != "reload" {
		t.Errorf("page opened after the fix got %q %q first", ev.name, ev.data)
	}
}

func TestCaptureReplacedChangesItsPage(t *testing.T) {
	ts := startServer(t, map[string]string{
		"cookbook/app/auth/index.md":    "the flow",
		"cookbook/app/auth/capture.har": `{"log":{"entries":[1]}}`,
	}, 0)
	c := ts.subscribe()
	// Replace the capture the way an import does: write a temporary file,
	// rename it over the old one.
	tmp := filepath.Join(ts.dir, "cookbook/app/auth/.capture.har.tmp")
	writeFile(t, tmp, `{"log":{"entries":[1,2]}}`)
	os.Rename(tmp, filepath.Join(ts.dir, "cookbook/app/auth/capture.har"))
	if paths := waitReload(t, c); !slices.Equal(paths, []string{"/cookbook/app/auth/"}) {
		t.Errorf("reload paths %q", paths)
	}
	if _, body := ts.get("/cookbook/app/auth/"); !strings.Contains(body, "[1,2]") {
		t.Errorf("page after capture replaced: %q", body)
	}
	if got := ts.site.rebuilds(); len(got) != 1 || !slices.Equal(got[0], []string{"cookbook/app/auth/capture.har"}) {
		t.Errorf("Rebuild calls = %q, want only the capture (the temporary file ignored)", got)
	}
}

func TestEditorNoiseIsIgnored(t *testing.T) {
	ts := startServer(t, map[string]string{"page.md": "v1", "other.md": "x"}, 0)
	c := ts.subscribe()
	for _, name := range []string{".page.md.swp", "page.md~", "4913", "#page.md#", ".#page.md", "page.md.tmp", "page.md___jb_tmp___"} {
		writeFile(t, filepath.Join(ts.dir, name), "noise")
	}
	os.Chmod(filepath.Join(ts.dir, "other.md"), 0o600) // chmod only
	writeFile(t, filepath.Join(ts.dir, "page.md"), "v2")
	waitReload(t, c)
	if got := ts.site.rebuilds(); len(got) == 0 || !slices.Equal(got[0], []string{"page.md"}) {
		t.Errorf("first Rebuild got %q, want only page.md", got)
	}
}

func TestBurstIsDebouncedIntoOneRebuild(t *testing.T) {
	// A long debounce so that the burst below always fits inside it.
	ts := startServer(t, map[string]string{"index.md": "home"}, 300*time.Millisecond)
	c := ts.subscribe()
	var want []string
	for i := range 20 {
		name := filepath.Join("burst", "p"+string(rune('a'+i))+".md")
		writeFile(t, filepath.Join(ts.dir, name), "page")
		want = append(want, filepath.ToSlash(name))
	}
	paths := waitReload(t, c)
	if len(paths) != 20 {
		t.Errorf("reload named %d paths, want 20: %q", len(paths), paths)
	}
	got := ts.site.rebuilds()
	if len(got) != 1 {
		t.Fatalf("%d rebuilds, want 1: %q", len(got), got)
	}
	for _, w := range want {
		if !slices.Contains(got[0], w) {
			t.Errorf("rebuild misses %s: %q", w, got[0])
		}
	}
}

func TestRequestsCoalesceWhileRebuilding(t *testing.T) {
	s := &Server{pending: map[string]bool{}, kick: make(chan struct{}, 1)}
	// Ten requests while no rebuild goroutine reads: one wake-up, all paths.
	for i := range 10 {
		s.request([]string{"p" + string(rune('0'+i)) + ".md", "shared.md"})
	}
	if len(s.kick) != 1 {
		t.Fatalf("kick holds %d wake-ups, want 1", len(s.kick))
	}
	if got := s.takePending(); len(got) != 11 || got[0] != "p0.md" || got[10] != "shared.md" {
		t.Errorf("pending = %q, want 11 sorted paths", got)
	}
}

func TestTwoHundredClientsGetTheEvent(t *testing.T) {
	ts := startServer(t, map[string]string{"page.md": "v1"}, 0)
	const n = 200
	clients := make([]*sse, n)
	for i := range clients {
		clients[i] = ts.subscribe()
	}
	if got := ts.s.Clients(); got != n {
		t.Fatalf("%d clients connected, want %d", got, n)
	}
	writeFile(t, filepath.Join(ts.dir, "page.md"), "v2")
	var wg sync.WaitGroup
	var mu sync.Mutex
	missed := 0
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case ev := <-c.events:
				if ev.name == "reload" && ev.data == `["/page/"]` {
					return
				}
			case <-time.After(10 * time.Second):
			}
			mu.Lock()
			missed++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if missed > 0 {
		t.Errorf("%d of %d clients did not get the reload", missed, n)
	}
}

func TestPollFindsWhatEventsMissed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.md"), "v1")
	writeFile(t, filepath.Join(dir, "gone.md"), "v1")
	var sent [][]string
	w, err := newWatcher([]WatchRoot{{Dir: dir, Prefix: "content/"}}, time.Millisecond, time.Hour,
		func(p []string) { sent = append(sent, p) }, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	if w.scan() {
		t.Fatalf("scan of an unchanged tree found changes: %v", w.batch)
	}
	// Changes the event loop never sees (it is not running).
	writeFile(t, filepath.Join(dir, "a.md"), "version two")
	writeFile(t, filepath.Join(dir, "sub/new.md"), "new")
	writeFile(t, filepath.Join(dir, ".a.md.swp"), "noise")
	os.Remove(filepath.Join(dir, "gone.md"))
	if !w.scan() {
		t.Fatal("scan found nothing")
	}
	w.flush()
	want := []string{"content/a.md", "content/gone.md", "content/sub", "content/sub/new.md"}
	if len(sent) != 1 || !slices.Equal(sent[0], want) {
		t.Errorf("sent %q, want %q", sent, want)
	}
	if w.scan() {
		t.Errorf("second scan found changes again: %v", w.batch)
	}
	if !slices.Contains(w.fsw.WatchList(), filepath.Join(dir, "sub")) {
		t.Errorf("new folder found by the poll is not watched: %q", w.fsw.WatchList())
	}
}

func TestIgnoredNames(t *testing.T) {
	for name, want := range map[string]bool{
		"index.md": false, "capture.har": false, "style.css": false, "2024": false, "page.md.bak": true,
		".index.md.swp": true, "index.md~": true, "4913": true, "#index.md#": true, ".#index.md": true,
		".git": true, ".DS_Store": true, "index.md.tmp": true, "x.kate-swp": true, ".goutputstream-ABC": true,
		"index.md___jb_old___": true, "capture.har.crdownload": true,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestPollOnlyWhenNoFileWatcher runs the watcher as it runs when fsnotify
// cannot start: the poll alone finds the edit.
func TestPollOnlyWhenNoFileWatcher(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.md"), "v1")
	sent := make(chan []string, 4)
	w := &watcher{roots: []WatchRoot{{Dir: dir}}, debounce: time.Millisecond, poll: 20 * time.Millisecond,
		send: func(p []string) { sent <- p }, logf: t.Logf, seen: map[string]stamp{}, batch: map[string]string{}}
	w.addTree(dir, false)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.run(ctx)
	writeFile(t, filepath.Join(dir, "a.md"), "version two")
	select {
	case p := <-sent:
		if !slices.Equal(p, []string{"a.md"}) {
			t.Errorf("sent %q, want a.md", p)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the poll did not see the edit")
	}
}

// TestLayoutsFolderCreatedWhileServing: a layouts folder made after serve
// started (to override seqdoc.css) is watched from then on, without the
// slow poll: it was left out of the watch for good, and its edits never
// rebuilt anything until serve was restarted.
func TestLayoutsFolderCreatedWhileServing(t *testing.T) {
	for _, existed := range []bool{false, true} {
		t.Run(map[bool]string{false: "new", true: "removed and made again"}[existed], func(t *testing.T) {
			testLayoutsFolderCreated(t, existed)
		})
	}
}

func testLayoutsFolderCreated(t *testing.T, existed bool) {
	root := t.TempDir()
	content, layouts := filepath.Join(root, "content"), filepath.Join(root, "layouts")
	writeFile(t, filepath.Join(content, "index.md"), "home")
	if existed {
		writeFile(t, filepath.Join(layouts, "base.html"), "x")
	}
	site := &dirSite{dir: content}
	s, err := New(context.Background(), Options{Site: site, Debounce: 30 * time.Millisecond, Poll: -1,
		Watch: []WatchRoot{{Dir: content}, {Dir: layouts, Prefix: "layouts/"}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Watch(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done; s.Close() })
	<-s.Ready()

	saw := func(p string) bool {
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			for _, batch := range site.rebuilds() {
				if slices.Contains(batch, p) {
					return true
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
		return false
	}
	if existed {
		if err := os.RemoveAll(layouts); err != nil {
			t.Fatal(err)
		}
		if !saw("layouts/base.html") {
			t.Fatalf("layouts removed: no rebuild named layouts/base.html (rebuilds %q)", site.rebuilds())
		}
	}
	writeFile(t, filepath.Join(layouts, "seqdoc.css"), "body { color: red }")
	if !saw("layouts/seqdoc.css") {
		t.Fatalf("a layouts folder created while serving: no rebuild named layouts/seqdoc.css (rebuilds %q)", site.rebuilds())
	}
	writeFile(t, filepath.Join(layouts, "page.html"), "{{define \"main\"}}x{{end}}")
	if !saw("layouts/page.html") {
		t.Fatalf("a file added to the new layouts folder: no rebuild named layouts/page.html (rebuilds %q)", site.rebuilds())
	}
}
