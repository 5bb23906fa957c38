package record

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Step is one step of a headless recording.
type Step struct {
	// Line and Col locate the step in its file.
	Line, Col int
	// Kind is goto, fill, click, wait-url, wait or sleep.
	Kind string
	// Selector is the CSS selector of fill, click and wait; URL the
	// address of goto or the pattern of wait-url (* matches anything).
	Selector, URL string
	// Value is what fill types (after ${VAR} expansion: it may be a
	// secret, and is never printed).
	Value string
	// Duration is sleep's.
	Duration time.Duration
}

// String names the step without its value, for messages.
func (s Step) String() string {
	switch s.Kind {
	case "goto", "wait-url":
		return s.Kind + " " + s.URL
	case "sleep":
		return "sleep " + s.Duration.String()
	}
	return s.Kind + " " + s.Selector
}

// StepKinds are the kinds of step.
var StepKinds = []string{"goto", "fill", "click", "wait-url", "wait", "sleep"}

// StepsError is a mistake in a steps file, at file:line:col.
type StepsError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *StepsError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// ParseSteps reads a steps file: a YAML list of one-key steps. ${VAR} takes
// a value from getenv; a variable that is not set is an error (before any
// browser starts).
//
//   - goto: https://app.example.com/
//   - fill: {selector: "input[name=username]", value: alice}
//   - fill: {selector: "input[name=password]", value: "${SEQDOC_PASSWORD}"}
//   - click: "input[type=submit]"
//   - wait-url: "https://app.example.com/*"
//   - wait: "#sign-out"
//   - sleep: 500ms
func ParseSteps(data []byte, file string, getenv func(string) (string, bool)) ([]Step, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		msg := err.Error()
		if i := strings.Index(msg, "line "); i >= 0 {
			rest := msg[i+len("line "):]
			if n, tail, ok := strings.Cut(rest, ":"); ok {
				if _, err := fmt.Sscan(n, &line); err == nil {
					msg = strings.TrimSpace(tail)
				}
			}
		}
		return nil, &StepsError{file, max(line, 1), 1, "not YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	bad := func(n *yaml.Node, format string, args ...any) error {
		return &StepsError{file, n.Line, n.Column, fmt.Sprintf(format, args...)}
	}
	if len(doc.Content) == 0 {
		return nil, &StepsError{file, 1, 1, "no steps: write a YAML list such as \"- goto: https://app.example.com/\""}
	}
	list := doc.Content[0]
	if list.Kind != yaml.SequenceNode {
		return nil, bad(list, "the steps must be a YAML list (each line \"- KIND: …\")")
	}
	var steps []Step
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode || len(item.Content) != 2 {
			return nil, bad(item, "each step is one KIND: VALUE pair (%s)", strings.Join(StepKinds, ", "))
		}
		key, val := item.Content[0], item.Content[1]
		st := Step{Line: key.Line, Col: key.Column, Kind: key.Value}
		scalar := func(what string) (string, error) {
			if val.Kind != yaml.ScalarNode || val.Value == "" {
				return "", bad(val, "%s takes %s", st.Kind, what)
			}
			return expand(val, val.Value, file, getenv)
		}
		var err error
		switch st.Kind {
		case "goto":
			if st.URL, err = scalar("a URL"); err == nil && !strings.HasPrefix(st.URL, "http://") && !strings.HasPrefix(st.URL, "https://") {
				err = bad(val, "goto takes an http:// or https:// URL, not %q", st.URL)
			}
		case "wait-url":
			st.URL, err = scalar("a URL pattern (* matches anything)")
		case "click", "wait":
			st.Selector, err = scalar("a CSS selector")
		case "sleep":
			var s string
			if s, err = scalar("a duration such as 500ms or 2s"); err == nil {
				if st.Duration, err = time.ParseDuration(s); err != nil || st.Duration < 0 || st.Duration > 10*time.Minute {
					err = bad(val, "sleep takes a duration such as 500ms or 2s (at most 10m), not %q", s)
				}
			}
		case "fill":
			if val.Kind != yaml.MappingNode {
				err = bad(val, `fill takes {selector: "…", value: "…"}`)
				break
			}
			have := map[string]bool{}
			for i := 0; i+1 < len(val.Content); i += 2 {
				k, v := val.Content[i], val.Content[i+1]
				if v.Kind != yaml.ScalarNode {
					return nil, bad(v, "fill's %s must be a string", k.Value)
				}
				have[k.Value] = true
				switch k.Value {
				case "selector":
					st.Selector = v.Value
				case "value":
					if st.Value, err = expand(v, v.Value, file, getenv); err != nil {
						return nil, err
					}
				default:
					return nil, bad(k, "fill knows selector and value, not %q", k.Value)
				}
			}
			if !have["selector"] || st.Selector == "" || !have["value"] {
				err = bad(val, `fill needs both selector and value: {selector: "input[name=username]", value: alice}`)
			}
		default:
			err = bad(key, "unknown step %q (want %s)", st.Kind, strings.Join(StepKinds, ", "))
		}
		if err != nil {
			return nil, err
		}
		steps = append(steps, st)
	}
	if len(steps) == 0 {
		return nil, &StepsError{file, list.Line, list.Column, "the list of steps is empty"}
	}
	return steps, nil
}

// expand replaces ${VAR} with the variable's value (VAR: letters, digits
// and _, not starting with a digit); any other $ stays as it is.
func expand(n *yaml.Node, s, file string, getenv func(string) (string, bool)) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		end := strings.IndexByte(s[i:], '}')
		name := ""
		if end > 0 {
			name = s[i+2 : i+end]
		}
		if !isVarName(name) {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		v, ok := getenv(name)
		if !ok {
			return "", &StepsError{file, n.Line, n.Column, "${" + name + "} is not set: export " + name + " before seqdoc record (credentials never go on the command line)"}
		}
		b.WriteString(s[:i])
		b.WriteString(v)
		s = s[i+end+1:]
	}
}

func isVarName(s string) bool {
	for i, c := range s {
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// MatchURL reports whether u matches pattern, where * matches any run of
// characters (the whole URL must match).
func MatchURL(pattern, u string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == u
	}
	if !strings.HasPrefix(u, parts[0]) {
		return false
	}
	u = u[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(u, p)
		if i < 0 {
			return false
		}
		u = u[i+len(p):]
	}
	return strings.HasSuffix(u, parts[len(parts)-1])
}
