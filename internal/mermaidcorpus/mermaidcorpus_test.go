package mermaidcorpus

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	src := `{"b.mmd": {"accepted": true, "participants": ["A", "B"], "blocks": {"loop": 1}},
		"a.mmd": {"accepted": false, "error": "Parse error"}}`
	if err := os.WriteFile(filepath.Join(dir, "oracle.json"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	o, names := Load(t, dir)
	if !reflect.DeepEqual(names, []string{"a.mmd", "b.mmd"}) {
		t.Errorf("names %q, want them sorted", names)
	}
	want := Oracle{Accepted: true, Participants: []string{"A", "B"}, Blocks: map[string]int{"loop": 1}}
	if !reflect.DeepEqual(o["b.mmd"], want) || o["a.mmd"].Error != "Parse error" || o["a.mmd"].Accepted {
		t.Errorf("oracle %+v", o)
	}
}

func TestLoadSkipsWithoutCorpus(t *testing.T) {
	dir := t.TempDir()
	ran := t.Run("absent", func(t *testing.T) {
		Load(t, dir)
		t.Error("Load returned without the corpus; want a skip")
	})
	if !ran {
		t.Error("the subtest failed; want it skipped")
	}
}
