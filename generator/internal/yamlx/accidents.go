package yamlx

import (
	"bytes"
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

// blockStart matches the start of a block scalar: "key: |", "key: >-".
var blockStart = regexp.MustCompile(`:[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$`)

// Kinds of accident on a line.
const (
	noAccident      = iota
	fullSpaceIndent // "　ja: …": a full-width space in the indentation of a key or list item
	fullColonKey    // "name：": a key written with a full-width colon
	fullSpaceValue  // "ja:　三田市": a full-width space after a key's colon
)

// lineAccident looks at one line: the accident on it, the byte offset of
// the full-width character and the key it follows.
func lineAccident(line string) (kind, at int, key string) {
	i, wide := 0, -1
	for i < len(line) {
		switch {
		case line[i] == ' ' || line[i] == '\t':
			i++
		case strings.HasPrefix(line[i:], "\u3000"):
			if wide < 0 {
				wide = i
			}
			i += len("\u3000")
		default:
			goto indented
		}
	}
	return noAccident, 0, ""
indented:
	if strings.HasPrefix(line[i:], "- ") {
		if wide >= 0 {
			return fullSpaceIndent, wide, ""
		}
		for i++; i < len(line) && line[i] == ' '; i++ {
		}
	}
	start := i
	for i < len(line) && (line[i] >= 'a' && line[i] <= 'z' || line[i] == '_' || i > start && (line[i] >= '0' && line[i] <= '9' || line[i] == '.' || line[i] == '-')) {
		i++
	}
	if i == start {
		return noAccident, 0, ""
	}
	key = line[start:i]
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	rest := line[i:]
	switch {
	case wide >= 0 && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "：")):
		return fullSpaceIndent, wide, key
	case strings.HasPrefix(rest, "："):
		return fullColonKey, i, key
	case i == start+len(key) && strings.HasPrefix(rest, ":\u3000"):
		return fullSpaceValue, i + 1, key
	}
	return noAccident, 0, ""
}

// accidents reports the full-width colons and spaces in src that break its
// structure, and reports whether there was any.
func (d *Decoder) accidents(src []byte) bool {
	if !bytes.Contains(src, []byte("：")) && !bytes.Contains(src, []byte("\u3000")) {
		return false // the common case: nothing to look at
	}
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
		if !strings.Contains(line, "：") && !strings.Contains(line, "\u3000") {
			if strings.ContainsAny(line, "|>") && blockStart.MatchString(line) {
				block = indent
			}
			continue
		}
		kind, off, key := lineAccident(line)
		pos := diag.Pos{File: d.File, Line: i + 1 + d.LineOffset, Col: utf8.RuneCountInString(line[:off]) + 1}
		switch kind {
		case fullSpaceIndent:
			d.Errs.AddHint(pos, "indent with half-width spaces", "full-width space (U+3000) in the indentation")
		case fullColonKey:
			d.Errs.AddHintT(pos, diag.T("write the colon in half-width: \"%s:\"", key), "full-width colon \"：\" after the key %q", key)
		case fullSpaceValue:
			d.Errs.AddHint(pos, "put a half-width space after the colon", "full-width space (U+3000) after the colon of %q", key)
		}
		found = found || kind != noAccident
		if blockStart.MatchString(line) {
			block = indent
		}
	}
	return found
}
