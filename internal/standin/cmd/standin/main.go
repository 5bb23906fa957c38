// Command standin runs the stand-in for the ALB and Cognito (package
// internal/standin) for a browser driven from elsewhere (puppeteer,
// Playwright, a person).
//
//	go run ./internal/standin/cmd/standin -scenario happy -control 127.0.0.1:8099
//
// It prints one JSON object on standard output: the application's URL, the
// user and password (a secret of the run: do not log it), the Chromium
// flags that reach the stand-in under its host names, and the control
// address. The control server answers:
//
//	GET /served      what the stand-in served so far (JSON)
//	GET /canaries    every secret it issued (JSON)
//	POST /labels     a HAR (the capture of the run) in, its LabelFile out
//
// It stops on SIGINT or SIGTERM.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/seqdoc/seqdoc/har"
	"github.com/seqdoc/seqdoc/internal/standin"
)

func main() {
	scenario := flag.String("scenario", "happy", "the scenario whose knobs to use (see standin.Scenarios)")
	control := flag.String("control", "127.0.0.1:0", "the control server's address")
	verbose := flag.Bool("v", false, "log each request served on standard error")
	flag.Parse()
	if err := run(*scenario, *control, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "standin:", err)
		os.Exit(1)
	}
}

func run(name, control string, verbose bool) error {
	sc, ok := standin.ScenarioNamed(name)
	if !ok {
		return fmt.Errorf("no scenario %q", name)
	}
	opts := sc.Options
	if verbose {
		opts.Logf = func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
	}
	s, err := standin.Start(opts)
	if err != nil {
		return err
	}
	defer s.Close()
	ln, err := net.Listen("tcp", control)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /served", func(w http.ResponseWriter, r *http.Request) { json.NewEncoder(w).Encode(s.Served()) })
	mux.HandleFunc("GET /canaries", func(w http.ResponseWriter, r *http.Request) { json.NewEncoder(w).Encode(s.Canaries()) })
	mux.HandleFunc("POST /labels", func(w http.ResponseWriter, r *http.Request) {
		rd, err := har.NewReader(r.Body, "capture.har", har.ReadOptions{})
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var entries []*har.Entry
		for {
			e, err := rd.Next()
			if err != nil {
				break
			}
			entries = append(entries, e)
		}
		json.NewEncoder(w).Encode(s.Labels(sc, entries))
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	env := standin.Env(s)
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"url": s.AppURL(), "user": s.User(), "password": s.Password(), "wrong_password": env["STANDIN_WRONG_PASSWORD"],
		"browser_flags": s.BrowserFlags(), "control": "http://" + ln.Addr().String(), "scenario": sc.Name,
	})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return srv.Close()
}
