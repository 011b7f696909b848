package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// Inputs the fuzzer stalled on: a procedure of a few kilobytes with many
// questions (every path copied every answer so far: 9 KB took 4 s) or many
// outcomes that all match (each message listed them all: 35 KB took 65 s).
// Too many questions or outcomes are refused with one message; a message
// names at most five outcomes.

// generatedProcedure writes a procedure with n two-answer questions, single
// one-answer questions, and outcomes with no "when" (so all match).
func generatedProcedure(n, single, outcomes int) []byte {
	var b strings.Builder
	b.WriteString("kind: issuance\noffices: [iwase]\nquestions:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: q%d, text: {ja: 問, en: Q, easy: 問}, answers: [{id: a, label: {ja: あ, en: A, easy: あ}}, {id: b, label: {ja: い, en: B, easy: い}}]}\n", i)
	}
	for i := range single {
		fmt.Fprintf(&b, "  - {id: s%d, text: {ja: 問, en: Q, easy: 問}, answers: [{id: a, label: {ja: あ, en: A, easy: あ}}]}\n", i)
	}
	b.WriteString("outcomes:\n")
	for i := range outcomes {
		fmt.Fprintf(&b, "  - {id: o%d, title: {ja: 結果, en: Outcome, easy: 結果}, visits: [{bring: [{doc: card}]}]}\n", i)
	}
	return []byte(b.String())
}

func TestLoadBoundsLargeProcedures(t *testing.T) {
	nat, city, date := fuzzCity(t)
	load := func(src []byte) []diag.Diagnostic {
		var errs diag.List
		loadFuzzProcedure(nat, city, date, src, &errs)
		return errs.Items()
	}
	for _, tt := range []struct {
		name string
		src  []byte
		want string
	}{
		{"questions", generatedProcedure(10, 91, 1), "rules/sakuragawa/fz.yaml:1:1: the procedure has 101 questions, more than 100; split it into several procedures"},
		{"outcomes", generatedProcedure(1, 0, 501), "rules/sakuragawa/fz.yaml:1:1: the procedure has 501 outcomes, more than 500; split it into several procedures"},
	} {
		got := load(tt.src)
		if len(got) != 1 || got[0].String() != tt.want {
			t.Errorf("%s: got %d problems, first %v; want only %q", tt.name, len(got), got[:min(1, len(got))], tt.want)
		}
	}
	// 100 questions and 500 outcomes are allowed.
	for _, d := range load(generatedProcedure(2, 98, 1)) {
		if strings.Contains(d.Msg.String(), "more than") {
			t.Errorf("100 questions refused: %s", d)
		}
	}
	// Two questions, eight outcomes for every path: each message names five.
	got := load(generatedProcedure(2, 0, 8))
	if len(got) != 4 {
		t.Fatalf("%d problems; want one for each of the 4 paths: %v", len(got), got)
	}
	for _, d := range got {
		if !strings.Contains(d.Msg.String(), "o3 (rules/sakuragawa/fz.yaml:") || strings.Contains(d.Msg.String(), "o5 (") || !strings.Contains(d.Msg.String(), ", and 3 more; make their") {
			t.Errorf("message does not name the first five outcomes and count the rest: %s", d)
		}
		if ja := d.StringIn("ja"); !strings.Contains(ja, "複数の結果に当てはまります") {
			t.Errorf("ja: %s", ja)
		}
	}
}

// Two of the generated slow inputs are in the fuzz seed corpus too, so that
// every `go test` runs them (the one with 501 outcomes, 42 KB, would slow
// the fuzzer's mutations down: TestLoadBoundsLargeProcedures has it).
func TestSlowInputsInSeedCorpus(t *testing.T) {
	for name, src := range map[string][]byte{
		"slow_many_questions":  generatedProcedure(10, 91, 1),
		"slow_outcomes_listed": generatedProcedure(12, 0, 8),
	} {
		file := filepath.Join("testdata", "fuzz", "FuzzLoadProcedure", name)
		want := "go test fuzz v1\n[]byte(" + strconv.Quote(string(src)) + ")\n"
		b, err := os.ReadFile(file)
		if os.Getenv("UPDATE_SNAPSHOTS") != "" {
			if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err != nil || string(b) != want {
			t.Errorf("%s is missing or differs; UPDATE_SNAPSHOTS=1 rewrites it", file)
		}
	}
}
