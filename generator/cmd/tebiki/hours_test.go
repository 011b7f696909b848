package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestImpossibleHours: `check` reports every impossible opening hour at once,
// each at its line and column, in English and in Japanese, and exits 1.
func TestImpossibleHours(t *testing.T) {
	root := mistakeProject(t)
	change(t, root, "rules/sanda/city.yaml", `      - {days: weekdays, open: "09:00", close: "17:30"}`,
		`      - {days: weekdays, open: "17:30", close: "09:00"}
      - {days: sat, weeks: [2, 6], open: "09:00", close: "12:00"}
    closed:
      - {from: "2027-12-29", until: "2027-01-03"}`)
	want := map[string][]string{
		"en": {
			`rules/sanda/city.yaml:24:48: closing time 09:00 is not after opening time 17:30`,
			`rules/sanda/city.yaml:25:32: week 6 does not exist (use 1 to 5: a month has at most five of each day of the week)`,
			`rules/sanda/city.yaml:27:37: the closure ends on 2027-01-03, before it starts on 2027-12-29 (until is the last closed day; for a run that comes every year, write MM-DD)`,
		},
		"ja": {
			`rules/sanda/city.yaml:24:48: 終了時刻 09:00 が開始時刻 17:30 より後になっていません`,
			`rules/sanda/city.yaml:25:32: 第6週はありません（1から5を使ってください。ひと月に同じ曜日は多くて5回です）`,
			`rules/sanda/city.yaml:27:37: 休みの期間が 2027-12-29 に始まる前の 2027-01-03 に終わっています（until は休みの最後の日です。毎年の休みは MM-DD の形で書いてください）`,
		},
	}
	for _, lang := range []string{"en", "ja"} {
		if lang == "ja" {
			t.Setenv("LANG", "ja_JP.UTF-8")
		} else {
			t.Setenv("LANG", "C")
		}
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		var stdout, stderr bytes.Buffer
		if code := run(context.Background(), []string{"check", "-src", root, "-date", "2026-11-22"}, &stdout, &stderr); code != 1 {
			t.Errorf("%s: exit %d, want 1", lang, code)
		}
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		for _, w := range want[lang] {
			found := false
			for _, l := range lines {
				found = found || l == w
			}
			if !found {
				t.Errorf("%s: missing\n  %s\ngot:\n  %s", lang, w, strings.Join(lines, "\n  "))
			}
		}
		if lang == "ja" {
			for _, l := range lines {
				if !hasJapanese(l) {
					t.Errorf("ja: untranslated line %q", l)
				}
			}
		}
	}
}
