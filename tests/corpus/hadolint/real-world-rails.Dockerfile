FROM ruby:3.3-slim
WORKDIR /rails
RUN apt-get update -qq && apt-get install --no-install-recommends -y build-essential git libpq-dev \
    && rm -rf /var/lib/apt/lists /var/cache/apt/archives
COPY Gemfile Gemfile.lock ./
RUN bundle install && rm -rf ~/.bundle/ "${BUNDLE_PATH}"/ruby/*/cache
COPY . .
RUN useradd rails --create-home --shell /bin/bash
USER 1000:1000
EXPOSE 3000
CMD ["./bin/rails", "server"]
