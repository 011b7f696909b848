package yamlx

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// Accidents of Japanese input: with an IME switched on, the colon after a
// key comes out full-width ("name：") and so does a space ("　ja: …").
// YAML reads neither as structure, and its own message points elsewhere
// ("mapping values are not allowed", an unknown key "　ja"). These are
// found before parsing, on lines that look like keys, outside block
// scalars (where Japanese text may well hold both), and reported with
// their line and column.

var (
	// a key written with a full-width colon: "  name：" or "- id："
	fullColonKey = regexp.MustCompile(`^[ \t]*(?:- +)?([a-z_][a-z0-9_.-]*)[ \t]*：`)
	// a key followed by a full-width space: "ja:　三田市"
	fullSpaceValue = regexp.MustCompile(`^[ \t]*(?:- +)?([a-z_][a-z0-9_.-]*):\x{3000}`)
	// a full-width space in the indentation of a key or list item
	fullSpaceIndent = regexp.MustCompile(`^[ \t\x{3000}]*\x{3000}[ \t\x{3000}]*(?:- |[a-z_][a-z0-9_.-]*[ \t]*[:：])`)
	// the start of a block scalar: "key: |", "key: >-"
	blockStart = regexp.MustCompile(`:[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$`)
)

// accidents reports the full-width colons and spaces in src that break its
// structure, and reports whether there was any.
func (d *Decoder) accidents(src []byte) bool {
	found := false
	block := -1 // indentation of the key that opened a block scalar, -1 outside one
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSuffix(line, "\r")
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if block >= 0 {
			if strings.TrimSpace(line) == "" || indent > block {
				continue // text of the block
			}
			block = -1
		}
		at := func(col int) diag.Pos {
			return diag.Pos{File: d.File, Line: i + 1 + d.LineOffset, Col: utf8.RuneCountInString(line[:col]) + 1}
		}
		switch {
		case fullSpaceIndent.MatchString(line):
			d.Errs.AddHint(at(strings.Index(line, "\u3000")), "indent with half-width spaces", "full-width space (U+3000) in the indentation")
			found = true
		case fullColonKey.MatchString(line):
			m := fullColonKey.FindStringSubmatch(line)
			d.Errs.AddHintT(at(strings.Index(line, "：")), diag.T("write the colon in half-width: \"%s:\"", m[1]), "full-width colon \"：\" after the key %q", m[1])
			found = true
		case fullSpaceValue.MatchString(line):
			m := fullSpaceValue.FindStringSubmatch(line)
			d.Errs.AddHint(at(strings.Index(line, "\u3000")), "put a half-width space after the colon", "full-width space (U+3000) after the colon of %q", m[1])
			found = true
		}
		if blockStart.MatchString(line) {
			block = indent
		}
	}
	return found
}
