package decide

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
)

// The texts below are written in every order of their languages, and must
// come out as encoding/json writes the same map[string]string.
var textCases = []map[string]string{
	{"ja": "窓口で申請されるのはどなたですか。", "en": "Who will go to the counter?"},
	{"ja": "<b>&amp;</b> \u2028\u2029 \"q\" \\ /", "en": "\x00\x01\x1f\b\f\n\r\t\x7f", "easy": "やさしい にほんご"},
	{"ja": "日本語", "en": "English", "easy": "", "vi": "Tiếng Việt \xff\xfe bad \xe2\x80 UTF-8"},
	{"zh-Hans": "简体", "zh-Hant": "繁體", "pt-BR": "Português", "ko": "한국어"},
	{"en": ""},
	{},
}

// textIn builds the text of m by With, in the order of the keys given.
func textIn(m map[string]string, order []string) Text {
	var t Text
	for _, k := range order {
		t = t.With(k, m[k])
	}
	return t
}

func TestTextJSONIsTheMapsJSON(t *testing.T) {
	for _, m := range textCases {
		keys := slices.Sorted(maps.Keys(m))
		reversed := slices.Clone(keys)
		slices.Reverse(reversed)
		for _, order := range [][]string{keys, reversed} {
			tx := textIn(m, order)
			if len(m) == 0 {
				tx = make(Text, 0) // not nil: an empty map is written {}
			}
			want, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(tx)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("json.Marshal(%q in order %q)\n got %s\nwant %s", m, order, got, want)
			}
			// Without HTML escaping, encoding/json leaves '<', '>' and '&' as
			// they are, in the map's strings and in what MarshalJSON writes.
			var wb, gb bytes.Buffer
			we, ge := json.NewEncoder(&wb), json.NewEncoder(&gb)
			we.SetEscapeHTML(false)
			ge.SetEscapeHTML(false)
			if err := we.Encode(m); err != nil {
				t.Fatal(err)
			}
			if err := ge.Encode(tx); err != nil {
				t.Fatal(err)
			}
			if gb.String() != wb.String() {
				t.Errorf("Encode without HTML escaping of %q\n got %s\nwant %s", m, gb.String(), wb.String())
			}
			// Read back, the text has the map's languages and texts.
			var back Text
			if err := json.Unmarshal(want, &back); err != nil {
				t.Fatal(err)
			}
			var backMap map[string]string
			json.Unmarshal(want, &backMap)
			if !sameAsMap(back, backMap) {
				t.Errorf("%s reads back as %q, want %q", want, back, backMap)
			}
		}
	}
}

func TestTextJSONInStructs(t *testing.T) {
	type withMap struct {
		A map[string]string `json:"a,omitempty"`
		B map[string]string `json:"b"`
		C map[string]string `json:"c,omitempty"`
	}
	type withText struct {
		A Text `json:"a,omitempty"`
		B Text `json:"b"`
		C Text `json:"c,omitempty"`
	}
	for _, c := range []struct {
		m withMap
		t withText
	}{
		{},
		{withMap{A: map[string]string{}, B: map[string]string{}}, withText{A: Text{}, B: Text{}}},
		{withMap{B: textCases[1], C: textCases[0]}, withText{B: TextOf("ja", textCases[1]["ja"], "en", textCases[1]["en"], "easy", textCases[1]["easy"]), C: TextOf("en", textCases[0]["en"], "ja", textCases[0]["ja"])}},
	} {
		want, _ := json.Marshal(c.m)
		got, err := json.Marshal(c.t)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("got  %s\nwant %s", got, want)
		}
		var back withText
		if err := json.Unmarshal(want, &back); err != nil {
			t.Fatal(err)
		}
		if (back.B == nil) != (c.m.B == nil) || !sameAsMap(back.B, c.m.B) || !sameAsMap(back.C, c.m.C) {
			t.Errorf("%s reads back as %+v", want, back)
		}
	}
}

// Input that encoding/json reads into a map reads into a text the same way:
// escapes, a key given twice, a null value, invalid UTF-8.
func TestTextUnmarshalLikeAMap(t *testing.T) {
	for _, in := range []string{
		`null`,
		`{}`,
		` { "ja" : "a\u3042\ud83d\ude00\ud800x\/" , "en":"b" } `,
		`{"ja":"first","en":"x","ja":"last"}`,
		`{"ja":null,"en":"x"}`,
		"{\"ja\":\"\xff\xfe\",\"\xe2\x80\":\"y\"}",
	} {
		// Into nothing, and into a text that has languages already (a
		// map keeps its keys, and null makes it nil).
		for _, had := range [][]string{nil, {"ko", "한국어", "ja", "前"}} {
			var m map[string]string
			var tx Text
			if had != nil {
				m = map[string]string{had[0]: had[1], had[2]: had[3]}
				tx = TextOf(had...)
			}
			kept := tx
			if err := json.Unmarshal([]byte(in), &m); err != nil {
				t.Fatalf("%s: %v", in, err)
			}
			if err := json.Unmarshal([]byte(in), &tx); err != nil {
				t.Errorf("%s: %v", in, err)
				continue
			}
			if (tx == nil) != (m == nil) || !sameAsMap(tx, m) {
				t.Errorf("%s into %q reads as %q, want %q", in, had, tx, m)
			}
			if !kept.Equal(TextOf(had...)) {
				t.Errorf("%s: the text read into was changed", in)
			}
		}
	}
}

func TestTextUnmarshalRejects(t *testing.T) {
	for _, in := range []string{`[]`, `"ja"`, `1`, `true`, `{"ja":1}`, `{"ja":{"x":"y"}}`, `{"ja":["x"]}`, `{"ja":true}`} {
		var m map[string]string
		if json.Unmarshal([]byte(in), &m) == nil {
			t.Fatalf("%s: a map reads it", in)
		}
		var tx Text
		err := json.Unmarshal([]byte(in), &tx)
		if err == nil {
			t.Errorf("%s reads as %q, want an error", in, tx)
		} else if !strings.Contains(err.Error(), "text") {
			t.Errorf("%s: the error %q does not say it wanted a text", in, err)
		}
		// Called directly, not through encoding/json, bad JSON is refused too.
		if err := tx.UnmarshalJSON([]byte(in + "}")); err == nil {
			t.Errorf("UnmarshalJSON(%s}) reads it", in)
		}
	}
}

func TestTextMethods(t *testing.T) {
	var none Text
	if !none.IsZero() || none.In("ja") != "" || none.Has("ja") || len(none.Langs()) != 0 {
		t.Errorf("the nil text: IsZero %v, In %q, Has %v", none.IsZero(), none.In("ja"), none.Has("ja"))
	}
	empty := TextOf("ja", "", "en", "")
	if !empty.IsZero() || !empty.Has("en") || empty.Has("vi") {
		t.Errorf("a text empty in each language: IsZero %v, Has(en) %v, Has(vi) %v", empty.IsZero(), empty.Has("en"), empty.Has("vi"))
	}
	if TextOf("ja", "", "en", "x").IsZero() {
		t.Error("a text in English only is zero")
	}
	tx := TextOf("vi", "Việt", "ja", "日本", "en", "Eng", "easy", "やさしい")
	if got := tx.Langs(); !slices.Equal(got, []string{"easy", "en", "ja", "vi"}) {
		t.Errorf("Langs = %q", got)
	}
	if got := tx.Values(); !slices.Equal(got, []string{"やさしい", "Eng", "日本", "Việt"}) {
		t.Errorf("Values = %q", got)
	}
	for lang, want := range map[string]string{"vi": "Việt", "ja": "日本", "en": "Eng", "easy": "やさしい", "ko": "", "": ""} {
		if got := tx.In(lang); got != want {
			t.Errorf("In(%q) = %q, want %q", lang, got, want)
		}
	}
	tx = tx.With("ja", "にほん")
	if len(tx) != 4 || tx.In("ja") != "にほん" {
		t.Errorf("after With(ja): %q", tx)
	}
	var langs []string
	for l, s := range tx.All() {
		langs = append(langs, l+"="+s)
		if l == "ja" {
			break
		}
	}
	if !slices.Equal(langs, []string{"easy=やさしい", "en=Eng", "ja=にほん"}) {
		t.Errorf("All, stopped at ja: %q", langs)
	}
	if !tx.Equal(TextOf("easy", "やさしい", "en", "Eng", "ja", "にほん", "vi", "Việt")) || tx.Equal(TextOf("easy", "やさしい", "en", "Eng", "ja", "にほん")) || tx.Equal(TextOf("easy", "やさしい", "en", "Eng", "ja", "日本", "vi", "Việt")) {
		t.Error("Equal")
	}
	if got := TextOf("ja"); len(got) != 1 || !got.Has("ja") || got.In("ja") != "" {
		t.Errorf("TextOf(ja) = %q", got)
	}
}

func sameAsMap(t Text, m map[string]string) bool {
	if len(t) != len(m) {
		return false
	}
	for l, s := range m {
		if !t.Has(l) || t.In(l) != s {
			return false
		}
	}
	return slices.IsSorted(t.Langs())
}
