/** A scenario file dropped onto the canvas opens like an imported one. Palette drags pass through. */
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { openFile } from './openDesign';

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

export function FileDropZone({ children }: { children: ReactNode }) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when the drag left.
  const depth = useRef(0);
  return (
    <div
      className="file-drop"
      data-testid="file-drop"
      onDragEnter={(e) => {
        if (!carriesFiles(e)) return;
        depth.current++;
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!carriesFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) void openFile(file);
      }}
    >
      {children}
      {over && <div className="file-drop-overlay">Drop a scenario file to open it as a new design</div>}
    </div>
  );
}
