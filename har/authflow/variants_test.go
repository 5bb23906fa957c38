package authflow

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqdoc/seqdoc/har"
)

// TestExporterVariants: the labels of the shared fixtures still hold when
// the capture comes from an exporter that writes less: no _resourceType
// (Firefox, Safari, proxies), no Sec-Fetch-* headers either (older
// browsers, proxies), no redirectURL (only the Location header), header
// names in Title-Case (HTTP/1.1 exporters).
func TestExporterVariants(t *testing.T) {
	variants := map[string]func(e *har.Entry){
		"no-resource-type": func(e *har.Entry) { dropExtra(e, "_resourceType") },
		"no-fetch-metadata": func(e *har.Entry) {
			dropExtra(e, "_resourceType")
			e.Request.Headers = dropHeaders(e.Request.Headers, "sec-fetch-")
		},
		"no-redirect-url": func(e *har.Entry) { e.Response.RedirectURL = "" },
		"title-case": func(e *har.Entry) {
			for i := range e.Request.Headers {
				e.Request.Headers[i].Name = titleCase(e.Request.Headers[i].Name)
			}
			for i := range e.Response.Headers {
				e.Response.Headers[i].Name = titleCase(e.Response.Headers[i].Name)
			}
		},
	}
	caps, _ := filepath.Glob(filepath.Join(sharedDir, "fixtures", "har-browser", "*.har"))
	for _, s := range scenarios {
		if s.unseen {
			caps = append(caps, filepath.Join(genDir, s.name+".har"))
		}
	}
	for _, h := range caps {
		l := readLabels(t, strings.TrimSuffix(h, ".har")+".labels.json")
		for name, mutate := range variants {
			t.Run(filepath.Base(h)+"/"+name, func(t *testing.T) {
				log, entries, err := har.ReadFile(h, har.ReadOptions{})
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					mutate(e)
				}
				har.Redact(log, entries, RedactOptions(nil))
				checkLabels(t, name, Classify(log, entries), l, true)
			})
		}
	}
}

func dropExtra(e *har.Entry, name string) {
	var keep har.Extensions
	for _, f := range e.Extra {
		if f.Name != name {
			keep = append(keep, f)
		}
	}
	e.Extra = keep
}

func dropHeaders(hs []har.NameValue, prefix string) []har.NameValue {
	var keep []har.NameValue
	for _, h := range hs {
		if !strings.HasPrefix(strings.ToLower(h.Name), prefix) {
			keep = append(keep, h)
		}
	}
	return keep
}

func titleCase(s string) string {
	parts := strings.Split(s, "-")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "-")
}
