package api

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// MaskParams flattens a trail event's request parameters (a decoded JSON
// value) to dotted paths, and masks every value whose name says it is a
// secret: a pre-shared key (PreSharedKey, Psk, IkeConfig's Psk), a BGP
// authentication key (AuthKey), any key, secret, password or token. A
// string that is itself JSON (Alibaba Cloud's IkeConfig, BgpConfig) is
// read too, so its secrets are masked by the same rule. The clear values
// are never kept: only the mask is.
func MaskParams(v any) []Param {
	var out []Param
	flatten("", v, false, &out)
	return out
}

// secretName reports whether a parameter's name says it holds a secret.
// CloudTrail and ActionTrail record request parameters as sent (CloudTrail
// User Guide, "CloudTrail record contents": requestParameters; ActionTrail,
// "Fields in an event"), so a key set by ModifyVpnTunnelOptions or
// ModifyVpnConnectionAttribute is in them.
func secretName(name string) bool {
	n := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, name)
	for _, w := range []string{"psk", "secret", "password", "passwd", "token", "credential", "privatekey"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	// A tag's "key" names the tag (CreateTags' TagSet.item.N.key), no secret.
	return strings.HasSuffix(n, "key") && n != "key" && n != "tagkey"
}

// flatten appends v's leaves under path; secret is set below a name that
// says secret, so a secret's parts are masked too.
func flatten(path string, v any, secret bool, out *[]Param) {
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	secret = secret || secretName(path[strings.LastIndexByte(path, '.')+1:])
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range x {
				if !yield(k) {
					return
				}
			}
		}) {
			flatten(join(k), x[k], secret, out)
		}
		return
	case []any:
		for i, e := range x {
			flatten(join(strconv.Itoa(i+1)), e, secret, out)
		}
		return
	case string:
		if t := strings.TrimSpace(x); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			var inner any
			if json.Unmarshal([]byte(t), &inner) == nil {
				flatten(path, inner, secret, out)
				return
			}
		}
	}
	if v == nil {
		return
	}
	value := fmt.Sprint(v)
	if secret && value != "" {
		value = Mask
	}
	*out = append(*out, Param{Key: path, Value: Printable(value)})
}
