package authflow

import "testing"

// TestStepForms: the three forms of the AWS steps (arrow label, page table,
// terminal).
func TestStepForms(t *testing.T) {
	for _, c := range []struct {
		steps, hidden []int
		text, list    string
	}{
		{nil, nil, "–", "-"},
		{[]int{1, 2}, nil, "#1 #2", "1,2"},
		{[]int{3}, nil, "#3", "3"},
		{[]int{3, 4, 5}, []int{4, 5}, "#3 [#4 #5]", "3-5"},
		{[]int{3, 4, 5, 6, 7, 8}, []int{4, 5, 6, 7}, "#3 [#4 #5 #6 #7] #8", "3-8"},
		{[]int{9, 10, 11}, []int{10}, "#9 [#10] #11", "9-11"},
		{[]int{1, 3}, nil, "#1 #3", "1,3"},
	} {
		if got := StepsText(c.steps, c.hidden); got != c.text {
			t.Errorf("StepsText(%v, %v) = %q, want %q", c.steps, c.hidden, got, c.text)
		}
		if got := StepList(c.steps); got != c.list {
			t.Errorf("StepList(%v) = %q, want %q", c.steps, got, c.list)
		}
	}
	if got := StepLabel(11); got != "#11" {
		t.Errorf("StepLabel(11) = %q", got)
	}
}

// TestAWSSteps: the steps of a whole flow, split into those the browser
// sees and the server-to-server ones.
func TestAWSSteps(t *testing.T) {
	f := &Flow{Entries: []*Entry{
		{Steps: []int{1, 2}},
		{Steps: []int{3, 4, 5, 6, 7, 8}, HiddenSteps: []int{4, 5, 6, 7}},
		{Steps: []int{9, 10, 11}, HiddenSteps: []int{10}},
		{Steps: []int{}},
	}}
	seen, hidden := f.AWSSteps()
	if StepList(seen) != "1-3,8,9,11" || StepList(hidden) != "4-7,10" {
		t.Errorf("AWSSteps = %v, %v", seen, hidden)
	}
	if s, h := (&Flow{}).AWSSteps(); s != nil || h != nil {
		t.Errorf("empty flow: %v, %v", s, h)
	}
}
