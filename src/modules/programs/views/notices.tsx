import { Alert } from '../../../platform/ui/components';

/** The page's heading, then what the last action did or why it was refused. */
export function PageTop(props: { title: string; notice?: string; error?: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      {props.notice && <Alert type="success">{props.notice}</Alert>}
      {props.error && <Alert type="error">{props.error}</Alert>}
    </>
  );
}
