package cdphar

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
)

// Event names and their types: the events Build reads.
var eventTypes = []struct {
	method string
	new    func() any
}{
	{"Network.requestWillBeSent", func() any { return new(network.EventRequestWillBeSent) }},
	{"Network.requestWillBeSentExtraInfo", func() any { return new(network.EventRequestWillBeSentExtraInfo) }},
	{"Network.responseReceived", func() any { return new(network.EventResponseReceived) }},
	{"Network.responseReceivedExtraInfo", func() any { return new(network.EventResponseReceivedExtraInfo) }},
	{"Network.dataReceived", func() any { return new(network.EventDataReceived) }},
	{"Network.loadingFinished", func() any { return new(network.EventLoadingFinished) }},
	{"Network.loadingFailed", func() any { return new(network.EventLoadingFailed) }},
	{"Network.requestServedFromCache", func() any { return new(network.EventRequestServedFromCache) }},
	{"Page.frameNavigated", func() any { return new(page.EventFrameNavigated) }},
	{"Page.domContentEventFired", func() any { return new(page.EventDomContentEventFired) }},
	{"Page.loadEventFired", func() any { return new(page.EventLoadEventFired) }},
}

// Wanted reports whether Build reads events of ev's type: a recorder keeps
// these and drops the others.
func Wanted(ev any) bool { return MethodOf(ev) != "" }

// MethodOf returns the protocol method of an event Build reads
// ("Network.requestWillBeSent" …), or "".
func MethodOf(ev any) string {
	switch ev.(type) {
	case *network.EventRequestWillBeSent:
		return "Network.requestWillBeSent"
	case *network.EventRequestWillBeSentExtraInfo:
		return "Network.requestWillBeSentExtraInfo"
	case *network.EventResponseReceived:
		return "Network.responseReceived"
	case *network.EventResponseReceivedExtraInfo:
		return "Network.responseReceivedExtraInfo"
	case *network.EventDataReceived:
		return "Network.dataReceived"
	case *network.EventLoadingFinished:
		return "Network.loadingFinished"
	case *network.EventLoadingFailed:
		return "Network.loadingFailed"
	case *network.EventRequestServedFromCache:
		return "Network.requestServedFromCache"
	case *page.EventFrameNavigated:
		return "Page.frameNavigated"
	case *page.EventDomContentEventFired:
		return "Page.domContentEventFired"
	case *page.EventLoadEventFired:
		return "Page.loadEventFired"
	}
	return ""
}

type message struct {
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

// WriteEvents writes events as JSON lines, one protocol message a line;
// events Build does not read are left out.
func WriteEvents(w io.Writer, events []any) error {
	bw := bufio.NewWriter(w)
	for _, ev := range events {
		m := MethodOf(ev)
		if m == "" {
			continue
		}
		params, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		line, err := json.Marshal(message{Method: m, Params: params})
		if err != nil {
			return err
		}
		bw.Write(line)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// ReadEvents reads JSON lines that WriteEvents wrote (or protocol messages
// logged otherwise: one object a line, with method and params). Lines of
// other methods are skipped; a line that is not JSON is an error naming
// its number.
func ReadEvents(r io.Reader) ([]any, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	var out []any
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var m message
		if err := json.Unmarshal(line, &m); err != nil {
			return nil, fmt.Errorf("line %d: not a protocol message: %v", n, err)
		}
		for _, t := range eventTypes {
			if t.method != m.Method {
				continue
			}
			ev := t.new()
			if len(m.Params) > 0 {
				if err := json.Unmarshal(m.Params, ev); err != nil {
					return nil, fmt.Errorf("line %d: %s: %v", n, m.Method, err)
				}
			}
			out = append(out, ev)
		}
	}
	return out, sc.Err()
}
