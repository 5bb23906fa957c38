package main

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// flagCase is one row of a command's flag-parsing table: the arguments and
// either the options the command hands to its runF or a part of its error.
type flagCase[O any] struct {
	args    []string
	want    O
	wantErr string
}

// checkFlags builds a command with newCmd and a runF that only keeps the
// options it receives, runs it on each case's arguments, and checks the
// options (reflect.DeepEqual) or the error.
func checkFlags[O any](t *testing.T, newCmd func(*Streams, func(context.Context, *O) error) *cobra.Command, cases []flagCase[O]) {
	t.Helper()
	for _, tt := range cases {
		var got *O
		s := &Streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
		cmd := newCmd(s, func(_ context.Context, o *O) error { got = o; return nil })
		// Never nil: cobra reads os.Args for nil, which holds the test
		// binary's flags (go test ./... -update).
		cmd.SetArgs(append([]string{}, tt.args...))
		cmd.SetOut(s.Out)
		cmd.SetErr(s.Err)
		err := cmd.ExecuteContext(context.Background())
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if got == nil {
			t.Errorf("%q: the command never called its runF", tt.args)
			continue
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%q: options %+v, want %+v", tt.args, *got, tt.want)
		}
	}
}
