package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

// The groups of a record are found by the mark that begins each one
// ({"files":) and read where they lie: splitGroups finds each group of a
// record as written, and a record where the mark appears elsewhere (a
// field after the groups, a group that is null) is still read as
// encoding/json reads it.
func TestRecordGroupsFoundByMark(t *testing.T) {
	m := sampleRecord(30)
	b, err := marshalManifest(m)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(b, []byte(`"groups":{`)) + len(`"groups":{`)
	found, end := splitGroups(b, i)
	if len(found) != len(m.Groups) || end <= i || b[end] != '}' {
		t.Fatalf("splitGroups found %d groups, up to %d (%.20q); want %d", len(found), end, b[end:], len(m.Groups))
	}
	for _, g := range found {
		want, err := json.Marshal(m.Groups[g.key])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g.v, want) {
			t.Errorf("group %q: %s; want %s", g.key, g.v, want)
		}
	}
	afterGroups := bytes.Replace(b, []byte(`,"pages":`), []byte(`,"other":{"x":{"files":{}}},"pages":`), 1)
	nullGroup := bytes.Replace(b, []byte(`"c003":{"files":{"ja/c003/index.html":{"h":"fc003","s":7,"t":15}}`), []byte(`"c003":null,"c003b":{"files":{}`), 1)
	if bytes.Equal(afterGroups, b) || bytes.Equal(nullGroup, b) {
		t.Fatal("the record is not as the test expects")
	}
	for _, in := range [][]byte{b, afterGroups, nullGroup} {
		var want manifest
		if err := json.Unmarshal(in, &want); err != nil {
			t.Fatal(err)
		}
		got, err := decodeManifest(in)
		if err == nil {
			err = got.complete()
		}
		if err != nil {
			t.Fatal(err)
		}
		forgetBytes(got)
		if !reflect.DeepEqual(got, &want) {
			t.Errorf("read %.60s…:\n%+v\nencoding/json reads:\n%+v", in, got, &want)
		}
	}
	// The cities' summaries, checked beside the groups: a broken one makes
	// the record unreadable, as it did when encoding/json read them.
	broken := bytes.Replace(b, []byte(`"cities":{"c000":{`), []byte(`"cities":{"c000":{{`), 1)
	if bytes.Equal(broken, b) {
		t.Fatal("the record is not as the test expects")
	}
	if _, err := decodeManifest(broken); err == nil {
		t.Error("a record with broken summaries was read")
	}
}

// The strings of a record's files share the memory of the record read
// (one buffer instead of two strings a file).
func TestRecordFilesShareItsBytes(t *testing.T) {
	m := sampleRecord(0)
	files := 0
	for c := range 20 {
		g := &group{Files: fileRecs{}}
		for p := range 50 {
			g.Files[fmt.Sprintf("ja/c%02d/p%02d.html", c, p)] = fileRec{Hash: fmt.Sprintf("%032x", c*100+p), Size: 1, MTime: 2}
			files++
		}
		m.Groups[fmt.Sprintf("c%02d", c)] = g
	}
	b, err := marshalManifest(m)
	if err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(5, func() {
		if _, ok := readManifestFast(b); !ok {
			t.Fatal("not read fast")
		}
	})
	if allocs >= float64(files) {
		t.Errorf("reading a record of %d files made %.0f allocations; want fewer than one a file", files, allocs)
	}
}
