import { UsersLoading } from "@/components/users/users-loading";

export default function Loading() {
  return <UsersLoading />;
}
