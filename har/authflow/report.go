package authflow

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteJSON writes the flow as docs/contract.md's contract: entries, findings,
// cookies and headers, with empty lists as [].
func WriteJSON(w io.Writer, f *Flow) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(f)
}

// Shorten cuts s to n runes with an ellipsis in the middle.
func Shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 5 {
		return s
	}
	head := (n - 1) * 2 / 3
	tail := n - 1 - head
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

// terminalSafe drops control characters so that a capture cannot drive the
// terminal.
func terminalSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}

// FindingPos is "NAME:LINE:COL", where x's first entry starts in the
// capture called name, as linters print positions; just name when x names
// no entry (or its position is unknown).
func (f *Flow) FindingPos(name string, x Finding) string {
	e := f.FirstEntry(x)
	switch {
	case e == nil:
		return name
	case e.Line > 0 && e.Col > 0:
		return name + ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col)
	case e.Line > 0:
		return name + ":" + strconv.Itoa(e.Line)
	}
	return name
}

// WriteTable writes the classified entries as a table, the findings as a
// linter does (file:line:col: severity: message [code]), and a summary of the
// cookies and headers. name is the capture's name for the findings.
func WriteTable(w io.Writer, name string, f *Flow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tMETHOD\tHOST+PATH\tSTATUS\tMIME\tTIME\tKIND\tSTEPS\tPHASE")
	for _, e := range f.Entries {
		steps := StepList(e.Steps)
		if len(e.HiddenSteps) > 0 {
			steps += " (hidden " + StepList(e.HiddenSteps) + ")"
		}
		status := strconv.Itoa(e.Status)
		if e.Failed && e.Status <= 0 {
			status = "failed"
		}
		mime := e.MIME
		if mime == "" {
			mime = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Index, terminalSafe(e.Method),
			terminalSafe(Shorten(e.Host+e.Path, 60)), status, terminalSafe(Shorten(mime, 24)),
			formatMS(e.TimeMS), e.Kind, steps, e.Phase)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	if len(f.Findings) == 0 {
		fmt.Fprintln(w, "No findings.")
	} else {
		fmt.Fprintf(w, "%d %s:\n", len(f.Findings), plural(len(f.Findings), "finding", "findings"))
	}
	for _, x := range f.Findings {
		pos := f.FindingPos(name, x)
		fmt.Fprintf(w, "%s: %s: %s [%s]\n", terminalSafe(pos), x.Severity, x.Message, x.Code)
	}
	fmt.Fprintln(w)
	if err := writeCookies(w, f); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Headers:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tDIRECTION\tENTRIES\tHOSTS")
	for _, h := range f.Headers {
		hosts := strings.Join(h.Hosts, ", ")
		if !h.Observable {
			hosts = "never in a browser capture (added by the ALB on its way to the target)"
		} else if hosts == "" {
			hosts = "-"
		} else {
			hosts += valuesNote(h)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", h.Name, h.Direction, len(h.Entries), terminalSafe(hosts))
	}
	return tw.Flush()
}

func formatMS(ms float64) string {
	if ms < 0 {
		return "-"
	}
	return strconv.FormatFloat(ms, 'f', 0, 64) + " ms"
}

// writeCookies writes the cookie summary of WriteTable.
func writeCookies(w io.Writer, f *Flow) error {
	switch {
	case len(f.Cookies) == 0 && f.Sanitized:
		fmt.Fprintln(w, "Cookies: none in the capture (exported sanitized).")
		return nil
	case len(f.Cookies) == 0:
		fmt.Fprintln(w, "Cookies: none.")
		return nil
	}
	fmt.Fprintln(w, "Cookies:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSHARDS\tSET BY\tSIZE\tATTRIBUTES\tSENT\tEXPIRED BY\tOUTLIVED LOGOUT")
	for _, ck := range f.Cookies {
		set := "-"
		if len(ck.SetBy) > 0 {
			set = "#" + strconv.Itoa(ck.SetBy[0]) + " " + ck.Host
		}
		attrs := attrString(ck.Attrs)
		if attrs == "" {
			attrs = "-"
		}
		exp := "-"
		if len(ck.ExpiredBy) > 0 {
			exp = refs(ck.ExpiredBy)
		}
		out := "no"
		if ck.OutlivedLogout {
			out = "yes"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%s\t%d\t%s\t%s\n", terminalSafe(ck.Name), len(ck.Shards), terminalSafe(set), ck.Size,
			terminalSafe(attrs), len(ck.SentIn), exp, out)
	}
	return tw.Flush()
}
