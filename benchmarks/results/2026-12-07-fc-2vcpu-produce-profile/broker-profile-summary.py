import json, collections, sys
from datetime import datetime
ev=json.load(open(sys.argv[1]))['recording']['events']; win=float(sys.argv[2])
ts=lambda e: datetime.fromisoformat(e['values']['startTime'][:26])
last=max(ts(e) for e in ev)
n=0; c=collections.Counter(); inner=collections.Counter()
for e in ev:
    if (last-ts(e)).total_seconds()>win: continue
    st=e['values']['stackTrace']
    if not st: continue
    fs=[f['method']['type']['name'].replace('/','.')+'.'+f['method']['name'] for f in st['frames']]
    n+=1
    if any(f.endswith('.authorize') or f.endswith('.authorizeByResourceType') for f in fs if 'Authorizer' in f or 'claimgate' in f): 
        c['authorize()']+=1
        k=next((f for f in fs if f.startswith('io.claimgate') or 'authorizer' in f.lower()),'?')
        inner[k]+=1
    if any('OAuthPrincipalBuilder' in f for f in fs): c['OAuthPrincipalBuilder']+=1
    if any(f.startswith('io.claimgate') for f in fs): c['any claimgate frame']+=1
    if any('KafkaApis.handleProduceRequest' in f for f in fs): c['handleProduceRequest']+=1
print(sys.argv[1][:22], n, 'samples in the last', win, 's')
for k,v in c.most_common(): print(f'  {v:6d} {100*v/n:5.2f}% {k}')
for k,v in inner.most_common(12): print(f'      {v:5d} {k}')
