package site

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// A warning recorded as JSON and read back renders as the original did,
// whatever its values: numbers, strings, values with a String or Error
// method, messages within messages.
func TestRecordedWarningsRenderAlike(t *testing.T) {
	d, _ := decide.ParseDate("2026-11-22")
	ws := []diag.Diagnostic{
		{Pos: diag.Pos{File: "rules/a/city.yaml", Line: 3, Col: 7}, Warning: true,
			Msg:  diag.T("the city name %q is also used at %s", "川市", diag.Pos{File: "rules/b/city.yaml", Line: 1, Col: 7}),
			Hint: diag.T("one was probably copied from the other; give each city its own name")},
		{Pos: diag.Pos{File: "x"}, Warning: true, Msg: diag.T("%d of %5.1f, %x %v %t %s", 42, 2.5, 255, d, true, errors.New("boom"))},
		{Pos: diag.Pos{File: "y"}, Warning: true, Msg: diag.T("YAML syntax error: %s", diag.T("no such file or directory"))},
	}
	b, err := json.Marshal(recordWarnings(ws))
	if err != nil {
		t.Fatal(err)
	}
	var recs []warnRec
	if err := json.Unmarshal(b, &recs); err != nil {
		t.Fatal(err)
	}
	got, err := replayWarnings(recs)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range ws {
		for _, lang := range []string{"ja", "en"} {
			if g, want := got[i].StringIn(lang), w.StringIn(lang); g != want {
				t.Errorf("warning %d in %s:\n got %s\nwant %s", i, lang, g, want)
			}
		}
	}
	if _, err := replayWarnings([]warnRec{{File: "z"}}); err == nil {
		t.Error("a recorded warning without its message was read")
	}
}
