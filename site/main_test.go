package site

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"testing"
)

// TestMain runs the test binary as a helper process when a test asked for
// one (a static file server running as another user, a publish to kill),
// else the tests. Helpers are not tests: they would show as skipped.
func TestMain(m *testing.M) {
	if dir := os.Getenv("SEQDOC_STATIC_SERVER"); dir != "" {
		serveStatic(dir)
		return
	}
	switch os.Getenv("SEQDOC_PUBLISH_HELPER") {
	case "mid":
		publishMidHelper(os.Getenv("SEQDOC_PUBLISH_OUT"), os.Getenv("SEQDOC_PUBLISH_READY"))
		return
	case "many":
		publishManyHelper(os.Getenv("SEQDOC_PUBLISH_OUT"))
		return
	}
	os.Exit(m.Run())
}

// serveStatic is the helper process: a plain static file server on dir
// (403 for a file it may not read, as nginx answers), its address on
// stdout.
func serveStatic(dir string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	_ = http.Serve(ln, http.FileServer(http.Dir(dir)))
}
