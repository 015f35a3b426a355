#!/usr/bin/env python3
"""Shares of a broker profile's samples under one frame, by what the leaf-most recognised frame does.

Usage: profile-shares.py <collapsed[.gz]> <listener> <anchor regex> [<frame that must be on the stack>] [<rows>]
e.g.   profile-shares.py first-seen.collapsed.gz STORM_CLAIMGATE 'OAuthValidatorCallbackHandler.handle$' TimedTokenValidator

Input: async-profiler's collapsed output with thread names ("threads" option). Only stacks of the
listener's network threads count. A sample is charged to the category of the frame nearest its leaf
that matches one (so SHA-256 inside the RSA verify counts as the verify).
"""
import collections, gzip, re, sys

CATEGORIES = [
    ('rsa verify', r'montgomery|mulAdd|java\.security\.Signature|RSACore|RSASignature|BigInteger|sun\.security\.rsa|RSAPadding'),
    ('sha256 outside the verify', r'TokenHash|MessageDigest|sun\.security\.provider\.SHA|DigestBase|sha256'),
    ('claims parse', r'JsonObjectParser|JwtClaims|JsonObject|KnownNames|CompactJws\.claims|CompactJws\.utf8'),
    ('base64', r'Base64'),
    ('latency timer', r'ValidatorMetrics\.latency|micrometer|codahale'),
    ('token cache', r'CachingTokenValidator|RecencyCache'),
    ('mapping', r'TokenMapper|ClaimMapping|MappedClaims|common\.json\.Json\.|ScopeClaim|NameRules|ValidatedToken'),
    ('claims checks', r'ClaimsVerifier|ClaimCheck'),
    ('other metrics', r'metrics|LongAdder'),
    ('header', r'JoseHeader|HeaderMemo'),
    ('split', r'TokenParser|CompactJws'),
    ('key selection', r'KeySelector|KeyIndex|JwksKeySelector|VerificationKey|SignatureCheck|JcaAlgorithm|JwksHolder'),
]


def main(path, listener, anchor, must=None, rows=20):
    opener = gzip.open if path.endswith('.gz') else open
    shares = collections.Counter()
    total = 0
    with opener(path, 'rt') as lines:
        for line in lines:
            stack, count = line.rstrip('\n').rsplit(' ', 1)
            frames = stack.replace('/', '.').split(';')
            if listener not in frames[0] or 'network-thread' not in frames[0]:
                continue
            at = next((i for i, frame in enumerate(frames) if re.search(anchor, frame)), None)
            if at is None or (must and not any(must in frame for frame in frames)):
                continue
            total += int(count)
            below = frames[at:]
            name = next((c for frame in reversed(below) for c, pattern in CATEGORIES if re.search(pattern, frame)),
                        'other: ' + below[-1])
            shares[name] += int(count)
    print(f'{listener}: {total} samples under {anchor}')
    for name, count in shares.most_common(int(rows)):
        print(f'{count:6d} {100 * count / total:5.1f} % {name}')


if __name__ == '__main__':
    main(*sys.argv[1:])
