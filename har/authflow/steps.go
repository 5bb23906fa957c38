package authflow

import (
	"strconv"
	"strings"
)

// The AWS workflow steps (1 to 11) are written in three forms, all here:
// StepLabel "#3" on a diagram's arrow, StepsText "#3 [#4 #5 #6 #7] #8" in a
// page's table (the steps the browser cannot see in brackets), and StepList
// "3-8" in the terminal (inspect's table, import's summary).

// StepLabel is a step as an arrow of the flow diagram carries it: "#3".
func StepLabel(step int) string { return "#" + strconv.Itoa(step) }

// StepsText writes steps for a page's table: "#1 #2", with the steps the
// browser cannot see in brackets: "#3 [#4 #5 #6 #7] #8"; none: "–".
func StepsText(steps, hidden []int) string {
	isHidden := func(s int) bool {
		for _, h := range hidden {
			if h == s {
				return true
			}
		}
		return false
	}
	labels := func(ss []int) string {
		p := make([]string, len(ss))
		for i, s := range ss {
			p[i] = StepLabel(s)
		}
		return strings.Join(p, " ")
	}
	var parts []string
	for i := 0; i < len(steps); {
		j := i + 1
		if isHidden(steps[i]) {
			for j < len(steps) && isHidden(steps[j]) {
				j++
			}
			parts = append(parts, "["+labels(steps[i:j])+"]")
		} else {
			parts = append(parts, labels(steps[i:j]))
		}
		i = j
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, " ")
}

// StepList writes steps compactly for the terminal: "1,2", "3-8", "9-11";
// none: "-".
func StepList(steps []int) string {
	if len(steps) == 0 {
		return "-"
	}
	var parts []string
	for i := 0; i < len(steps); {
		j := i
		for j+1 < len(steps) && steps[j+1] == steps[j]+1 {
			j++
		}
		switch {
		case j-i >= 2:
			parts = append(parts, strconv.Itoa(steps[i])+"-"+strconv.Itoa(steps[j]))
		case j > i:
			parts = append(parts, strconv.Itoa(steps[i]), strconv.Itoa(steps[j]))
		default:
			parts = append(parts, strconv.Itoa(steps[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// AWSSteps are the steps the capture takes part in, in order: seen, those
// the browser sees, and hidden, the server-to-server ones (a step hidden in
// one entry counts as hidden).
func (f *Flow) AWSSteps() (seen, hidden []int) {
	var has, isHidden [12]bool
	for _, e := range f.Entries {
		for _, s := range e.Steps {
			if s >= 1 && s <= 11 {
				has[s] = true
			}
		}
		for _, s := range e.HiddenSteps {
			if s >= 1 && s <= 11 {
				isHidden[s] = true
			}
		}
	}
	for s := 1; s <= 11; s++ {
		switch {
		case has[s] && isHidden[s]:
			hidden = append(hidden, s)
		case has[s]:
			seen = append(seen, s)
		}
	}
	return seen, hidden
}
