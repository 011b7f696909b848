package decide

import (
	"maps"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseFragment(t *testing.T) {
	long := "check=who:proxy," + strings.Repeat("form:yes,", MaxFragment/9+10)
	for _, c := range []struct {
		frag    string
		present bool
		want    Answers
		dropped bool
	}{
		{"", false, nil, false},
		{"#where", false, nil, false},
		{"#check", false, nil, false},
		{"#check=", true, Answers{}, false},
		{"#check=who:proxy,form:yes", true, Answers{"who": "proxy", "form": "yes"}, false},
		{"check=who:proxy,form:yes", true, Answers{"who": "proxy", "form": "yes"}, false},
		{"#check=who%3Aproxy,form:y%65s", true, Answers{"who": "proxy", "form": "yes"}, false},
		{"#check=who:proxy,,", true, Answers{"who": "proxy"}, false},
		// A link cut inside an escape: the pair is dropped, the rest kept.
		{"#check=who:proxy,form:ye%", true, Answers{"who": "proxy"}, true},
		{"#check=who:proxy,form:ye%6", true, Answers{"who": "proxy"}, true},
		{"#check=who:proxy,form:%ZZ", true, Answers{"who": "proxy"}, true},
		{"#check=%E3%81,who:self", true, Answers{"who": "self"}, true},
		{"#check=who:pro\xffxy", true, Answers{}, true},
		{"#check=who:%FF%FE", true, Answers{}, true},
		{"#check=who:cat", true, Answers{}, true},
		{"#check=dog:proxy,who:self", true, Answers{"who": "self"}, true},
		{"#check=who:self:x", true, Answers{}, true},
		{"#check=who", true, Answers{}, true},
		{"#check=:self", true, Answers{}, true},
		{"#check=who:proxy,who:self", true, Answers{"who": "proxy"}, true},
		{"#check=who:proxy,who:proxy", true, Answers{"who": "proxy"}, false},
		{"#check=<script>alert(1)</script>", true, Answers{}, true},
		{"#check=who:%3Cimg%20src%3Dx%3E", true, Answers{}, true},
		{long, true, Answers{"who": "proxy", "form": "yes"}, true},
	} {
		got := sample().ParseFragment(c.frag)
		if got.Present != c.present || got.Dropped != c.dropped || !maps.Equal(got.Answers, c.want) {
			t.Errorf("ParseFragment(%.60q) = %+v; want present %v, answers %v, dropped %v", c.frag, got, c.present, c.want, c.dropped)
		}
	}
}

// What the checker writes, it reads back whole.
func TestFragmentRoundTrip(t *testing.T) {
	p := sample()
	for _, path := range p.Paths() {
		s := FragmentOf(path.Asked)
		f := p.ParseFragment("#" + s)
		if !f.Present || f.Dropped || !maps.Equal(f.Answers, path.Answers) {
			t.Errorf("%s read back as %+v, want %v", s, f, path.Answers)
		}
	}
}

// Any text at all gives answers that Decide accepts, and a fragment that
// reads back without loss once rewritten.
func FuzzParseFragment(f *testing.F) {
	for _, s := range []string{"#check=who:proxy,form:yes", "#check=who:pr%", "#check=%ZZ", "#check=who:self,who:proxy",
		"#check=\xff\xfe", "#check=<script>", "#check=" + strings.Repeat("who:self,", 600), "#check=who%3Aproxy", "check=,,,:"} {
		f.Add(s)
	}
	p := sample()
	f.Fuzz(func(t *testing.T, s string) {
		got := p.ParseFragment(s)
		if !got.Present {
			if len(got.Answers) > 0 || got.Dropped {
				t.Fatalf("not a checker fragment, yet %+v", got)
			}
			return
		}
		for q, a := range got.Answers {
			qu, _ := p.question(q)
			if qu == nil || qu.Answer(a) == nil || !utf8.ValidString(q+a) {
				t.Fatalf("%q: kept %s:%s, which the procedure does not have", s, q, a)
			}
		}
		r, err := p.Decide(got.Answers)
		if err != nil {
			t.Fatalf("%q: the answers kept, %v, fail: %v", s, got.Answers, err)
		}
		back := p.ParseFragment(FragmentOf(r.Asked))
		if back.Dropped {
			t.Fatalf("%q: the rewritten fragment %q loses something", s, FragmentOf(r.Asked))
		}
	})
}
