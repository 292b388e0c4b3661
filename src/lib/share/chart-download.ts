/**
 * 下载图表: a small inline script that adds SVG and PNG download buttons under every chart. The
 * chart is already in the page as SVG, so the script serialises it (with the styles it needs and
 * the page's font) into an .svg file, and draws that on a canvas (2×, white background) for a
 * .png. Nothing is built or stored per chart; without JavaScript the buttons simply do not appear.
 * The buttons are added after the first paint, a few charts per task, so no long task blocks a phone.
 */
import { CHART_CLASS } from '../charts/render.ts';

export interface ChartDownloadLabels { lead: string; svg: string; png: string; svgTitle: string; pngTitle: string }

/** The script's source; labels are embedded as JSON (with `<` escaped, so they cannot end the script). */
export function chartDownloadScript(labels: ChartDownloadLabels): string {
  const L = JSON.stringify(labels).replace(/</g, '\\u003c');
  return `(()=>{const d=document,L=${L};
const file=s=>{const N=s.namespaceURI,c=s.cloneNode(!0),g=getComputedStyle(s),t=d.createElementNS(N,'style'),r=d.createElementNS(N,'rect'),e=c.querySelector('desc')||c.firstChild;
c.setAttribute('xmlns',N);c.setAttribute('font-family',g.fontFamily);c.setAttribute('color',g.color);c.removeAttribute('style');c.removeAttribute('class');
t.textContent='text{white-space:pre}';r.setAttribute('width','100%');r.setAttribute('height','100%');r.setAttribute('fill','#fff');e.after(t,r);
return'<?xml version="1.0" encoding="UTF-8"?>\\n'+new XMLSerializer().serializeToString(c)};
const save=(b,n)=>{const a=d.createElement('a'),u=URL.createObjectURL(b);a.href=u;a.download=n;d.body.append(a);a.click();a.remove();setTimeout(()=>URL.revokeObjectURL(u),6e4)};
const png=(s,n)=>{const k=2,w=+s.getAttribute('width')||s.clientWidth,h=+s.getAttribute('height')||s.clientHeight,i=new Image(),u=URL.createObjectURL(new Blob([file(s)],{type:'image/svg+xml'}));
i.onload=()=>{const v=d.createElement('canvas');v.width=w*k;v.height=h*k;const x=v.getContext('2d');x.fillStyle='#fff';x.fillRect(0,0,v.width,v.height);x.drawImage(i,0,0,v.width,v.height);URL.revokeObjectURL(u);v.toBlob(b=>b&&save(b,n+'.png'),'image/png')};i.src=u};
const Q=[],run=()=>{const t=performance.now();while(Q.length&&performance.now()-t<8)Q.shift()();if(Q.length)setTimeout(run,0)};
d.querySelectorAll('svg.${CHART_CLASS}').forEach(s=>Q.push(()=>{const n=((s.querySelector('title')||{}).textContent||'chart').replace(/[\\\\/:*?"<>|\\s]+/g,'_'),p=d.createElement('p');
p.className='dl meta';p.append(L.lead+' ');
[[L.svg,L.svgTitle,()=>save(new Blob([file(s)],{type:'image/svg+xml'}),n+'.svg')],[L.png,L.pngTitle,()=>png(s,n)]].forEach(([l,t,f])=>{const b=d.createElement('button');b.type='button';b.textContent=l;b.title=t;b.onclick=f;p.append(b,' ')});
s.after(p)}));if(Q.length)setTimeout(run,0)})();`;
}
