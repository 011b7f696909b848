package site

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

func sampleSums() []*citySum {
	pos := func(l int) diag.Pos { return diag.Pos{File: "rules/c0006/city.yaml", Line: l, Col: 3} }
	full := &citySum{
		Weight:     6,
		Name:       sumText{T: decide.TextOf("ja", "星崎市", "en", "Hoshisaki City (星崎市)"), Pos: pos(4)},
		Prefecture: sumText{T: decide.TextOf("ja", "香川県"), Pos: pos(7)},
		Contact:    true, Phone: "0143-95-5119", PhonePos: pos(56),
		Offices: []sumOffice{
			{ID: "honcho", Building: sumText{T: decide.TextOf("ja", "本庁舎", "en", "Main Government Building"), Pos: pos(13)}},
			{ID: "branch", Building: sumText{Pos: pos(24)}},
		},
		Procedures: []sumProc{{ID: "issuance", Kind: "issuance", Valid: true, File: "rules/c0006/issuance.yaml"}, {ID: "other", File: "rules/c0006/other.yaml"}, {ID: "k", Kind: "renewal", File: "f"}, {ID: "v", Valid: true, File: "g"}},
		Pages:      36,
	}
	bare := &citySum{Name: sumText{Pos: pos(1)}, Prefecture: sumText{T: decide.TextOf("en", "")}, Pages: 0}
	contactOnly := &citySum{Weight: -2, Contact: true, PhonePos: pos(9), Pages: 1}
	return []*citySum{full, bare, contactOnly}
}

// A city's summary is read without encoding/json as encoding/json reads it;
// one in another form (with scheduled changes, warnings, escapes) is read by
// encoding/json, and a broken one refused.
func TestCitySumRead(t *testing.T) {
	check := func(name string, d []byte, fast bool) {
		t.Helper()
		var want citySum
		wantErr := json.Unmarshal(d, &want)
		if cs, ok := readCitySum(d); ok != fast || ok && !reflect.DeepEqual(cs, &want) {
			t.Errorf("%s: readCitySum(%s) = %+v, %v; want %+v, %v", name, d, cs, ok, &want, fast)
		}
		got, err := decodeSum(d)
		if (err != nil) != (wantErr != nil) || err == nil && !reflect.DeepEqual(got, &want) {
			t.Errorf("%s: decodeSum(%s) = %+v, %v; encoding/json reads %+v, %v", name, d, got, err, &want, wantErr)
		}
	}
	for i, cs := range sampleSums() {
		d, err := json.Marshal(cs)
		if err != nil {
			t.Fatal(err)
		}
		check(fmt.Sprint("summary ", i), d, true)
		for n := range len(d) {
			if _, ok := readCitySum(d[:n]); ok {
				t.Errorf("read %s, cut short", d[:n])
			}
		}
		// Other forms: read by encoding/json.
		other := *cs
		other.Upcoming = []Upcoming{{Date: mustDate("2027-04-01"), Starts: true}}
		other.Warnings = recordWarnings([]diag.Diagnostic{{Pos: diag.Pos{File: "f", Line: 1}, Msg: diag.T("x %d", 1), Warning: true}})
		d, _ = json.Marshal(&other)
		check(fmt.Sprint("summary ", i, " with changes and warnings"), d, false)
		other = *cs
		other.Phone = "<&>"
		d, _ = json.Marshal(&other)
		check(fmt.Sprint("summary ", i, " with escapes"), d, false)
		var loose map[string]any
		json.Unmarshal(d, &loose)
		d, _ = json.MarshalIndent(loose, "", " ")
		check(fmt.Sprint("summary ", i, " indented"), d, false)
	}
	for _, broken := range []string{`{"name":{"pos":{"File":"","Line":1,"Col":1}},"pref":{"pos":{"File":"","Line":1,"Col":1}},"phonePos":{"File":"","Line":1,"Col":1},"pages":"x"}`, `{"w":1.5}`, `[]`} {
		check("broken", []byte(broken), false)
	}
}

// BenchmarkCitySums times the reading of 1,741 cities' summaries, as a
// build after one city's edit reads them from the record:
//
//	go test ./generator/internal/site -run '^$' -bench CitySums
func BenchmarkCitySums(b *testing.B) {
	var sums [][]byte
	for i := range 1741 {
		cs := *sampleSums()[0]
		cs.Phone = fmt.Sprintf("0143-95-%04d", i)
		d, err := json.Marshal(&cs)
		if err != nil {
			b.Fatal(err)
		}
		sums = append(sums, d)
	}
	for _, fast := range []bool{true, false} {
		b.Run(fmt.Sprintf("fast=%v", fast), func(b *testing.B) {
			for b.Loop() {
				for _, d := range sums {
					if fast {
						if _, err := decodeSum(d); err != nil {
							b.Fatal(err)
						}
					} else if err := json.Unmarshal(d, &citySum{}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func mustDate(s string) decide.Date {
	d, ok := decide.ParseDate(s)
	if !ok {
		panic(s)
	}
	return d
}
