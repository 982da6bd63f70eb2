package dev.lockstep.server.admin;

import java.nio.charset.StandardCharsets;

/**
 * {@code /}: a small page that polls every member's {@code /status} once a second (members are
 * listed in this replica's status; {@code /status} allows cross-origin reads) and shows one row
 * per replica. Without JavaScript it falls back to refreshing itself.
 */
final class ClusterPage {
    private ClusterPage() {}

    static byte[] render() {
        return HTML.getBytes(StandardCharsets.UTF_8);
    }

    private static final String HTML = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Lockstep cluster</title>
            <noscript><meta http-equiv="refresh" content="2"></noscript>
            <style>
             body{font-family:system-ui,sans-serif;margin:2em;color:#222}
             table{border-collapse:collapse} td,th{padding:.35em .8em;border-bottom:1px solid #ddd;text-align:left}
             .leader{font-weight:bold;color:#0a6} .down{color:#b00} small{color:#777}
            </style></head>
            <body><h1>Lockstep cluster <span id="cluster"></span></h1>
            <p><small>protocol <span id="protocol"></span>; refreshed every second;
             raw data: <a href="/status">/status</a>, <a href="/metrics">/metrics</a></small></p>
            <table><thead><tr><th>replica</th><th>role</th><th>term</th><th>leader</th><th>commit</th>
             <th>applied</th><th>clients</th><th>peers</th><th>client port</th></tr></thead>
            <tbody id="rows"><tr><td colspan="9">loading...</td></tr></tbody></table>
            <script>
            async function get(url){const r=await fetch(url,{cache:'no-store'});return r.json();}
            function cell(t,c){const td=document.createElement('td');td.textContent=t;if(c)td.className=c;return td;}
            async function refresh(){
             let me; try{me=await get('/status');}catch(e){return;}
             document.getElementById('cluster').textContent="'"+me.clusterId+"'";
             document.getElementById('protocol').textContent=me.protocol;
             const rows=await Promise.all(me.members.map(async m=>{
              const host=(m.host==='0.0.0.0'?location.hostname:m.host);
              const url=m.id===me.id?'/status':location.protocol+'//'+host+':'+m.adminPort+'/status';
              try{return {m,s:await get(url)};}catch(e){return {m,s:null};}}));
             const body=document.getElementById('rows');body.replaceChildren();
             for(const {m,s} of rows){const tr=document.createElement('tr');
              if(!s){tr.append(cell(m.id),cell('unreachable','down'));body.append(tr);continue;}
              const peers=s.peers.map(p=>p.id+':'+p.state).join(' ');
              tr.append(cell(s.id),cell(s.state,s.role==='leader'?'leader':''),cell(s.term),cell(s.leader||'-'),
               cell(s.commitIndex),cell(s.appliedIndex),cell(s.clientConnections),cell(peers),cell(m.clientPort));
              body.append(tr);}
            }
            refresh();setInterval(refresh,1000);
            </script></body></html>
            """;
}
