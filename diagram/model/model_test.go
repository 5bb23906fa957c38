package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestBuildAndValidate(t *testing.T) {
	d := New()
	d.AddParticipant("B", "Browser", KindActor)
	m := d.AddMessage("B", "ALB", Call, "GET /")
	m.Step = "#1"
	d.AddMessage("ALB", "B", Reply, "302").Implied = true
	d.AddNote(Over, "n", "B", "ALB")
	d.AddPhase("Login")
	if got := len(d.Participants); got != 2 {
		t.Fatalf("participants = %d, want 2 (ALB added implicitly)", got)
	}
	if p := d.Participant("ALB"); p == nil || p.Label != "ALB" || p.Box != -1 {
		t.Fatalf("implicit participant = %+v", p)
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"kind":"actor"`, `{"message":{"from":"B","to":"ALB","arrow":{"head":"filled"},"text":"GET /","step":"#1"}}`, `{"phase":{"label":"Login"}}`, `"placement":"over"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
}

func TestValidateErrors(t *testing.T) {
	for _, tc := range []struct {
		desc  string
		items []Item
		want  string
	}{
		{"unbalanced", []Item{&BlockStart{Kind: Loop}}, "not closed"},
		{"stray end", []Item{&BlockEnd{}}, "end without"},
		{"else in loop", []Item{&BlockStart{Kind: Loop}, &BlockSection{}, &BlockEnd{}}, "section outside"},
		{"inactive", []Item{&Activation{Participant: "A"}}, "inactive"},
		{"unknown", []Item{&Destroy{Participant: "Z"}}, "unknown participant"},
		{"same id twice", []Item{&Message{From: "A", To: "A", ID: "e1"}, &Note{Participants: []string{"A"}, ID: "e1"}}, `id "e1" used twice`},
	} {
		d := New()
		d.AddParticipant("A", "", KindParticipant)
		d.Items = tc.items
		err := d.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.desc, err, tc.want)
		}
	}
}
