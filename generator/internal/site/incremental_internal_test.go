package site

import (
	"slices"
	"strings"
	"testing"
)

// The running executable is identified by its Go build ID, not by a hash of
// the whole file (which would cost a read of megabytes on every build).
func TestToolIsBuildID(t *testing.T) {
	if id := tool(); !strings.HasPrefix(id, "go-build-id") {
		t.Errorf("tool() = %q; want the Go build ID", id)
	}
}

func TestDatesIn(t *testing.T) {
	for in, want := range map[string][]string{
		"":                                   nil,
		"effective_from: 2027-04-01":         {"2027-04-01"},
		`{a: "2026-12-31", b: 2027-01-01}`:   {"2026-12-31", "2027-01-01"},
		"x12026-12-31 2026-12-311 2026-1-01": nil,
		"2027-04-01\nand 2027-05-01.":        {"2027-04-01", "2027-05-01"},
		"03-0000-0000 phone, 1234-56-7 no":   nil,
		"--2027-04-01--":                     {"2027-04-01"},
	} {
		if got := datesIn([]byte(in)); !slices.Equal(got, want) {
			t.Errorf("datesIn(%q) = %q; want %q", in, got, want)
		}
	}
}
