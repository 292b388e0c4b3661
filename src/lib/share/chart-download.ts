/**
 * 下载图表: a small inline script behind the SVG and PNG buttons under every chart. The chart is
 * already in the page as SVG, so the script serialises it (with the styles it needs and the page's
 * font) into an .svg file, and draws that on a canvas (2×, white background) for a .png. Nothing is
 * built or stored per chart. The buttons are in the page from the start and shown only when
 * JavaScript runs (html.js), so nothing moves when they start working; the script wires them up
 * after the first paint, a few charts per task, so no long task blocks a phone.
 */
import { CHART_CLASS } from '../charts/render.ts';

/** The script's source. The buttons and their words are in the page (components/Chart.astro). */
export function chartDownloadScript(): string {
  return `(()=>{const d=document;
const file=s=>{const N=s.namespaceURI,c=s.cloneNode(!0),g=getComputedStyle(s),t=d.createElementNS(N,'style'),r=d.createElementNS(N,'rect'),e=c.querySelector('desc')||c.firstChild;
c.setAttribute('xmlns',N);c.setAttribute('font-family',g.fontFamily);c.setAttribute('color',g.color);c.removeAttribute('style');c.removeAttribute('class');
t.textContent='text{white-space:pre}';r.setAttribute('width','100%');r.setAttribute('height','100%');r.setAttribute('fill','#fff');e.after(t,r);
return'<?xml version="1.0" encoding="UTF-8"?>\\n'+new XMLSerializer().serializeToString(c)};
const save=(b,n)=>{const a=d.createElement('a'),u=URL.createObjectURL(b);a.href=u;a.download=n;d.body.append(a);a.click();a.remove();setTimeout(()=>URL.revokeObjectURL(u),6e4)};
const png=(s,n)=>{const k=2,w=+s.getAttribute('width')||s.clientWidth,h=+s.getAttribute('height')||s.clientHeight,i=new Image(),u=URL.createObjectURL(new Blob([file(s)],{type:'image/svg+xml'}));
i.onload=()=>{const v=d.createElement('canvas');v.width=w*k;v.height=h*k;const x=v.getContext('2d');x.fillStyle='#fff';x.fillRect(0,0,v.width,v.height);x.drawImage(i,0,0,v.width,v.height);URL.revokeObjectURL(u);v.toBlob(b=>b&&save(b,n+'.png'),'image/png')};i.src=u};
const Q=[],run=()=>{const t=performance.now();while(Q.length&&performance.now()-t<8)Q.shift()();if(Q.length)setTimeout(run,0)};
d.querySelectorAll('svg.${CHART_CLASS}').forEach(s=>Q.push(()=>{const n=((s.querySelector('title')||{}).textContent||'chart').replace(/[\\\\/:*?"<>|\\s]+/g,'_'),p=s.nextElementSibling;
if(!p||!p.classList.contains('chart-dl'))return;p.querySelectorAll('button[data-format]').forEach(b=>{b.onclick=b.dataset.format==='png'?()=>png(s,n):()=>save(new Blob([file(s)],{type:'image/svg+xml'}),n+'.svg')})}));if(Q.length)setTimeout(run,0)})();`;
}
