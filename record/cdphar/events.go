package cdphar

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Event is one protocol event, as the browser sent it.
type Event struct {
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

// Wanted reports whether Build reads events of this method: a recorder
// keeps these and drops the others. (A switch, not a map: no work when
// the package is initialised.)
func Wanted(method string) bool {
	switch method {
	case "Network.requestWillBeSent", "Network.requestWillBeSentExtraInfo",
		"Network.responseReceived", "Network.responseReceivedExtraInfo",
		"Network.dataReceived", "Network.loadingFinished", "Network.loadingFailed",
		"Network.requestServedFromCache",
		"Page.frameNavigated", "Page.domContentEventFired", "Page.loadEventFired":
		return true
	}
	return false
}

// WriteEvents writes events as JSON lines, one protocol message a line
// ({"method": …, "params": …}).
func WriteEvents(w io.Writer, events []Event) error {
	bw := bufio.NewWriter(w)
	for _, ev := range events {
		line, err := json.Marshal(ev)
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
// methods Build does not read are skipped; a line that is not JSON is an
// error naming its number.
func ReadEvents(r io.Reader) ([]Event, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	var out []Event
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var ev Event
		if err := json.Unmarshal(line, &ev); err != nil {
			return nil, fmt.Errorf("line %d: not a protocol message: %v", n, err)
		}
		if Wanted(ev.Method) {
			ev.Params = append(json.RawMessage(nil), ev.Params...)
			out = append(out, ev)
		}
	}
	return out, sc.Err()
}

// The protocol's events and types, with the fields Build reads
// (chromedevtools.github.io/devtools-protocol, Network and Page domains).

type headers map[string]any

type request struct {
	URL             string          `json:"url"`
	Method          string          `json:"method"`
	Headers         headers         `json:"headers"`
	HasPostData     bool            `json:"hasPostData"`
	PostDataEntries []postDataEntry `json:"postDataEntries"`
	InitialPriority string          `json:"initialPriority"`
}

type postDataEntry struct {
	Bytes []byte `json:"bytes"` // base64 in JSON
}

type timing struct {
	RequestTime  float64 `json:"requestTime"`
	DNSStart     float64 `json:"dnsStart"`
	DNSEnd       float64 `json:"dnsEnd"`
	ConnectStart float64 `json:"connectStart"`
	ConnectEnd   float64 `json:"connectEnd"`
	SSLStart     float64 `json:"sslStart"`
	SSLEnd       float64 `json:"sslEnd"`
	SendStart    float64 `json:"sendStart"`
	SendEnd      float64 `json:"sendEnd"`
}

type response struct {
	URL               string  `json:"url"`
	Status            int64   `json:"status"`
	StatusText        string  `json:"statusText"`
	Headers           headers `json:"headers"`
	MimeType          string  `json:"mimeType"`
	ConnectionID      float64 `json:"connectionId"`
	RemoteIPAddress   string  `json:"remoteIPAddress"`
	FromDiskCache     bool    `json:"fromDiskCache"`
	EncodedDataLength float64 `json:"encodedDataLength"`
	Timing            *timing `json:"timing"`
	Protocol          string  `json:"protocol"`
}

type requestWillBeSent struct {
	RequestID string   `json:"requestId"`
	LoaderID  string   `json:"loaderId"`
	Request   *request `json:"request"`
	Timestamp float64  `json:"timestamp"`
	WallTime  float64  `json:"wallTime"`
	Initiator *struct {
		Type string `json:"type"`
	} `json:"initiator"`
	RedirectHasExtraInfo bool      `json:"redirectHasExtraInfo"`
	RedirectResponse     *response `json:"redirectResponse"`
	Type                 string    `json:"type"`
	FrameID              string    `json:"frameId"`
}

type requestExtraInfo struct {
	RequestID string  `json:"requestId"`
	Headers   headers `json:"headers"`
}

type responseExtraInfo struct {
	RequestID   string  `json:"requestId"`
	Headers     headers `json:"headers"`
	StatusCode  int64   `json:"statusCode"`
	HeadersText string  `json:"headersText"`
}

type responseReceived struct {
	RequestID    string    `json:"requestId"`
	Timestamp    float64   `json:"timestamp"`
	Type         string    `json:"type"`
	Response     *response `json:"response"`
	HasExtraInfo bool      `json:"hasExtraInfo"`
}

type dataReceived struct {
	RequestID  string `json:"requestId"`
	DataLength int64  `json:"dataLength"`
}

type loadingFinished struct {
	RequestID         string  `json:"requestId"`
	Timestamp         float64 `json:"timestamp"`
	EncodedDataLength float64 `json:"encodedDataLength"`
	EncodedBodyLength float64 `json:"encodedBodyLength"`
}

type loadingFailed struct {
	RequestID       string  `json:"requestId"`
	Timestamp       float64 `json:"timestamp"`
	Type            string  `json:"type"`
	ErrorText       string  `json:"errorText"`
	Canceled        bool    `json:"canceled"`
	BlockedReason   string  `json:"blockedReason"`
	CorsErrorStatus *struct {
		CorsError string `json:"corsError"`
	} `json:"corsErrorStatus"`
}

type requestID struct {
	RequestID string `json:"requestId"`
}

type frameNavigated struct {
	Frame *struct {
		ID       string `json:"id"`
		ParentID string `json:"parentId"`
		URL      string `json:"url"`
	} `json:"frame"`
}

type timestamped struct {
	Timestamp float64 `json:"timestamp"`
}
